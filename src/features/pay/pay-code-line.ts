import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { EMPTY, type Observable } from 'rxjs';
import { ObservableController } from '../../ui/observable-controller.js';

/**
 * The customer code as it is typed (the checkout's code line). It follows the checkout
 * controller's `code$` itself, so a key of the code updates this one line and not the whole
 * checkout template (issue 21, sixth round: on a cheap tablet every key re-evaluated the screen).
 * Rendered in the light DOM: the checkout's `.code` style applies, and `[data-code]` stays where
 * it was for the screen's tests.
 */
@customElement('pay-code-line')
export class PayCodeLine extends LitElement {
  /** The code stream (CheckoutController.code$). */
  @property({ attribute: false }) source: Observable<string> | undefined;
  private readonly text = new ObservableController<string>(this, () => this.source ?? EMPTY, '');

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new stream after the first connect (the first is read when the element connects).
    if (changed.has('source') && changed.get('source') !== undefined) this.text.setSource(() => this.source ?? EMPTY);
  }

  override render() {
    return html`<p class="code" data-code aria-live="off">${this.text.value}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-code-line': PayCodeLine;
  }
}
