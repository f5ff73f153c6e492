import type { Logger } from '../logging/logger';
import { packageLabelLayout, previewLayouts, renderLayouts } from './documents';
import type { PrinterProfile } from './layout';

/**
 * Loads the fonts and shapes each script once in the background at start-up: the first label
 * otherwise pays ~0.5 s for it, right when a packer completes the first posting of the day.
 */
export function warmUpRendering(log: Logger): void {
  setTimeout(() => {
    try {
      const profile: PrinterProfile = {
        name: 'warm-up',
        language: 'zpl',
        paper: '58x40mm',
        dpi: 203,
        codePage: 'pc437',
      };
      const layout = packageLabelLayout({
        postingNumber: 'WARM-UP',
        orderNumber: null,
        items: [{ name: 'Прогрев 预热 گرم', offerId: '', quantity: 1 }],
        warehouse: null,
        addressee: null,
        date: '',
      });
      renderLayouts(profile, [layout], 'warm-up');
      previewLayouts(profile, [layout]);
    } catch (error) {
      log.warn({ err: error }, 'printing warm-up failed');
    }
  }, 0).unref();
}
