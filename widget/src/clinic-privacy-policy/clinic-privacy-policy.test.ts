import { expect, fixture, html } from '@open-wc/testing';
import { $, $$, accessible, apiFor, focused, press, text, until, untilText } from '../../test/helpers.js';
import './clinic-privacy-policy.js';

describe('<clinic-privacy-policy>', () => {
  it('shows the policy in effect, its officer and versions, and an earlier version by keyboard', async () => {
    const el = await fixture<HTMLElement>(html`<clinic-privacy-policy api=${apiFor()} locale="en"></clinic-privacy-policy>`);
    await until(el, '[part="section"]');
    await accessible(el);
    expect($$(el, '[part="section"]')).to.have.length(2);
    expect(text(el)).to.contain('Version 2').and.to.contain('Seoul Skin Clinic protects').and.to.contain('privacy@clinic.example');
    expect($$(el, '[part="history"] button').map((b) => b.textContent!.trim())).to.deep.equal([
      'Version 2 · Effective from March 1, 2024 (current)',
      'Version 1 · Effective from October 26, 2010',
    ]);
    await press(el, '[part="history"] button[aria-current="false"]', 'Enter');
    await untilText(el, 'You are reading an earlier version');
    expect(text(el)).to.contain('Name, phone and email when you book.');
    expect(focused(el)?.tagName).to.equal('H2');
    await accessible(el);
    await press(el, '.notice button', 'Enter');
    await untilText(el, 'How long we keep it');
    expect(text(el)).not.to.contain('earlier version');
  });

  it('reads the page’s language', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'ko';
    try {
      const el = await fixture<HTMLElement>(html`<clinic-privacy-policy api=${apiFor()}></clinic-privacy-policy>`);
      await untilText(el, '수집하는 항목');
      expect($(el, 'article')!.getAttribute('lang')).to.equal('ko');
      await accessible(el);
    } finally {
      document.documentElement.lang = before;
    }
  });
});
