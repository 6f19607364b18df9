// The bundle's entry (esbuild -> dist/widget/widget.js): defines <mesoquote-calculator> once,
// even if the script is included twice.
import { MesoquoteCalculator } from './element.js';

if (!customElements.get('mesoquote-calculator')) customElements.define('mesoquote-calculator', MesoquoteCalculator);
