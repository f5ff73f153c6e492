import type { PrintDocumentKind } from '../../../shared/schemas/printing.schema';
import { requireSession, type HandlerContext, type HandlerMap } from '../handler/context';
import { ApiFailure } from '../handler/failure';
import type { PrinterRow } from '../db/schema';
import { getBatch } from '../dispatch/dispatch.repo';
import { getPickList } from '../picking/picking.repo';
import {
  manifestLayout,
  packageLabelLayout,
  packingSlipLayout,
  pickListLayout,
  previewLayouts,
  renderLayouts,
  testPageLayout,
} from './documents';
import { cachedLabel } from './label-cache';
import type { DocumentLayout } from './layout';
import { marketplaceLabelLayouts, rasterisePdf } from './marketplace-label';
import { stationDate } from '../lib/clocks';
import { packageLabel } from './package-label';
import { jobOrFail, printerOrFail } from './printers';
import { insertJob, printerFor } from '../devices/printer/queue.repo';
import { profileOf } from '../devices/printer/profile';

type DocumentMethods = 'printing.printPickList' | 'printing.printManifest' | 'printing.preview';

async function printerForUse(
  ctx: HandlerContext,
  printerId: number | undefined,
  use: 'for_pick_lists' | 'for_receipts',
): Promise<PrinterRow> {
  if (printerId !== undefined) return printerOrFail(ctx, printerId);
  const printer = await printerFor(ctx.db, use);
  if (!printer) {
    throw new ApiFailure(
      'invalid_state',
      use === 'for_pick_lists'
        ? 'No printer is marked for pick lists'
        : 'No printer is marked for receipts',
    );
  }
  return printer;
}

function idOf(documentKey: string): number {
  const id = Number(documentKey);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new ApiFailure('invalid_input', `Not a document number: ${documentKey}`, {
      fields: { documentKey: 'invalid' },
    });
  }
  return id;
}

async function pickListDoc(ctx: HandlerContext, id: number): Promise<DocumentLayout> {
  const list = await getPickList(ctx.db, id);
  if (!list) throw new ApiFailure('not_found', `No pick list ${id}`);
  return pickListLayout(list, stationDate(ctx.now()));
}

async function manifestDoc(ctx: HandlerContext, id: number): Promise<DocumentLayout> {
  const batch = await getBatch(ctx.db, id);
  if (!batch) throw new ApiFailure('not_found', `No dispatch batch ${id}`);
  return manifestLayout(batch, stationDate(ctx.now()));
}

/** The layouts of any document for a printer, as the preview shows them. */
async function layoutsOf(
  ctx: HandlerContext,
  kind: PrintDocumentKind,
  documentKey: string,
  printer: PrinterRow,
): Promise<DocumentLayout[]> {
  switch (kind) {
    case 'posting_label':
      return [packageLabelLayout(await packageLabel(ctx, documentKey))];
    case 'packing_slip':
      return [packingSlipLayout(await packageLabel(ctx, documentKey))];
    case 'pick_list':
      return [await pickListDoc(ctx, idOf(documentKey))];
    case 'manifest':
      return [await manifestDoc(ctx, idOf(documentKey))];
    case 'test_page':
      return [testPageLayout(profileOf(printer), stationDate(ctx.now()))];
    case 'marketplace_label': {
      const pdf = await cachedLabel(ctx.db, documentKey);
      if (!pdf) {
        throw new ApiFailure(
          'not_found',
          `The marketplace has not given a label for ${documentKey} yet`,
        );
      }
      return marketplaceLabelLayouts(await rasterisePdf(pdf, profileOf(printer)));
    }
  }
}

async function queueDocument(
  ctx: HandlerContext,
  printer: PrinterRow,
  kind: 'pick_list' | 'manifest',
  id: number,
  layout: DocumentLayout,
) {
  const session = requireSession(ctx);
  const bytes = renderLayouts(profileOf(printer), [layout], `${kind} ${id}`);
  const jobId = await ctx.write((trx) =>
    insertJob(trx, {
      printerId: printer.id,
      kind,
      documentKey: String(id),
      bytes,
      createdBy: session.user.id,
      at: ctx.now(),
    }),
  );
  return jobOrFail(ctx, jobId);
}

export const printDocumentHandlers: HandlerMap<DocumentMethods> = {
  'printing.printPickList': async ({ pickListId, printerId }, ctx) => {
    const printer = await printerForUse(ctx, printerId, 'for_pick_lists');
    return queueDocument(ctx, printer, 'pick_list', pickListId, await pickListDoc(ctx, pickListId));
  },

  'printing.printManifest': async ({ batchId, printerId }, ctx) => {
    const printer = await printerForUse(ctx, printerId, 'for_receipts');
    return queueDocument(ctx, printer, 'manifest', batchId, await manifestDoc(ctx, batchId));
  },

  'printing.preview': async ({ kind, documentKey, printerId }, ctx) => {
    const printer = await printerOrFail(ctx, printerId);
    const image = previewLayouts(
      profileOf(printer),
      await layoutsOf(ctx, kind, documentKey, printer),
    );
    return {
      dataUrl: `data:image/png;base64,${image.png.toString('base64')}`,
      widthPx: image.width,
      heightPx: image.height,
    };
  },
};
