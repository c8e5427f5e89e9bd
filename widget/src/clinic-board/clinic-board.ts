import { ClinicBoardElement } from './clinic-board.component.js';

export { ClinicBoardElement };

if (!customElements.get('clinic-board')) customElements.define('clinic-board', ClinicBoardElement);

declare global {
  interface HTMLElementTagNameMap {
    'clinic-board': ClinicBoardElement;
  }
}
