/**
 * t() options for a wait written `{{wait, relativetime}}`: Intl words it in the UI language
 * ("in 15 minutes", "через 15 минут", "15分钟后", "۱۵ دقیقه بعد"), in minutes from a minute up so
 * a 900 s lock is not read as "900 s". Rounded up: trying again early only meets the limit again.
 */
export function retryWait(seconds: number) {
  const inMinutes = seconds >= 60;
  return {
    wait: inMinutes ? Math.ceil(seconds / 60) : Math.max(1, Math.ceil(seconds)),
    formatParams: { wait: { range: inMinutes ? 'minute' : 'second', numeric: 'always' } },
  } as const;
}
