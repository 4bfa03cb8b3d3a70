/**
 * Enter in a form of several fields (first manager, new staff member): on a filled field that is
 * not the form's last, it moves to the next field instead of submitting a half-typed form (which
 * showed every problem at once and left the cashier in the first field). On the last field, or on
 * an empty one, it submits as usual, so the form's own checks say what is missing.
 *
 * Use as the form's `@keydown` handler.
 */
export function enterToNextField(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || e.isComposing) return;
  const field = e.composedPath()[0];
  if (!(field instanceof HTMLInputElement) || field.value.trim() === '' || !field.form) return;
  // Text fields only: a select (the role) keeps its value without a key.
  const fields = Array.from(field.form.elements).filter((el): el is HTMLInputElement => el instanceof HTMLInputElement && el.type !== 'hidden' && !el.disabled);
  const next = fields[fields.indexOf(field) + 1];
  if (!next) return;
  e.preventDefault();
  next.focus();
}
