/**
 * The setup code from the link the station printed (`/?setupCode=…`), read once; it is then
 * taken out of the address bar so it is not left in the history or a bookmark.
 */
export function takeSetupCodeFromAddress(): string | undefined {
  const params = new URLSearchParams(location.search);
  const code = params.get('setupCode');
  if (code === null) return undefined;
  params.delete('setupCode');
  const search = params.size > 0 ? `?${params.toString()}` : '';
  history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  return code;
}
