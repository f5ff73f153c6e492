import { createContext } from 'react';
import type { PackdeskApi } from './packdesk-api';

export const ApiContext = createContext<PackdeskApi | null>(null);
