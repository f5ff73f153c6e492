/**
 * A keyboard-wedge scan types into whatever has focus. These helpers remember a text field as it
 * was before a burst began and put it back once the burst turns out to be a scan, so scanning
 * while a form field has focus leaves no barcode behind in it.
 */
type TextField = HTMLInputElement | HTMLTextAreaElement;

export interface FieldSnapshot {
  field: TextField;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

/** Put this attribute on a field (or an ancestor) that should receive scans as typed text. */
export const PASSTHROUGH_ATTRIBUTE = 'data-scanner-passthrough';

export function isPassthrough(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(`[${PASSTHROUGH_ATTRIBUTE}]`) !== null;
}

export function snapshotField(element: Element | null): FieldSnapshot | null {
  if (!(element instanceof HTMLInputElement) && !(element instanceof HTMLTextAreaElement)) {
    return null;
  }
  let selectionStart: number | null = null;
  let selectionEnd: number | null = null;
  try {
    // Throws or gives null for input types without a selection (number, email…).
    selectionStart = element.selectionStart;
    selectionEnd = element.selectionEnd;
  } catch {
    // keep nulls
  }
  return { field: element, value: element.value, selectionStart, selectionEnd };
}

/**
 * Puts the field back as it was. Goes through the prototype's value setter and fires `input`, so
 * React's controlled inputs see the change instead of resurrecting the typed text.
 */
export function restoreField(snapshot: FieldSnapshot): void {
  const { field, value } = snapshot;
  if (!field.isConnected || field.value === value) return;
  const prototype =
    field instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  if (snapshot.selectionStart !== null && snapshot.selectionEnd !== null) {
    try {
      field.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
    } catch {
      // not a text-selection input type
    }
  }
}
