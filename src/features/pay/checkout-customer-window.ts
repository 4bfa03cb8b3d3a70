/**
 * Opens the customer display's popup window (顾客屏). Kept apart from the display itself
 * (checkout-customer-display.ts, loaded on demand: it is not needed to key a sale) because the
 * browser allows a popup only synchronously within the click.
 */
export function openCustomerWindow(): Window | null {
  return window.open('', 'cpay-customer-display', 'popup,width=560,height=760');
}
