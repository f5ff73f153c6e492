import { createContext } from 'react';
import type { Me } from '../../../shared/schemas/auth.schema';

export const SessionContext = createContext<Me | null>(null);
