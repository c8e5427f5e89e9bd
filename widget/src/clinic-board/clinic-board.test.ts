import { expect, fixture, html } from '@open-wc/testing';
import { $, $$, accessible, apiFor, focused, press, text, until, untilText } from '../../test/helpers.js';
import './clinic-board.js';

describe('<clinic-board>', () => {
  it('lists published posts a page at a time, with the clinic’s answers, and pages by keyboard', async () => {
    const el = await fixture<HTMLElement>(
      html`<clinic-board api=${apiFor()} locale="en" page-size="5" write-href="https://clinic.example/board"></clinic-board>`,
    );
    await until(el, '[part="post"]');
    await accessible(el);
    expect($$(el, '[part="post"] h3').map((h) => h.textContent!.trim())).to.deep.equal([
      'Post number 12',
      'Post number 11',
      'Post number 10',
      'Post number 9',
      'Post number 8',
    ]);
    expect(text(el)).to.contain('Reader 12').and.to.contain('2 comments').and.to.contain('Page 1 of 3');
    expect($(el, '[part="answer"]')!.textContent).to.contain('Thank you, we are glad.');
    expect($(el, 'a')!.getAttribute('href')).to.equal('https://clinic.example/board');
    expect($(el, '[part="pagination"] button')!.hasAttribute('disabled')).to.equal(true);

    await press(el, '[part="pagination"] button:last-of-type', 'Enter');
    await untilText(el, 'Post number 7');
    expect(text(el)).to.contain('Page 2 of 3').and.not.to.contain('Post number 12');
    expect(focused(el)?.tagName).to.equal('H2');
    await accessible(el);
  });

  it('reads the page’s language and shows Korean strings', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'ko';
    try {
      const el = await fixture<HTMLElement>(html`<clinic-board api=${apiFor()}></clinic-board>`);
      await untilText(el, '게시글 12번');
      expect(text(el)).to.contain('게시판').and.to.contain('후기').and.to.contain('2쪽 중 1쪽');
      expect($(el, 'section')!.getAttribute('lang')).to.equal('ko');
      await accessible(el);
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('says when the board cannot be reached, and tries again', async () => {
    const el = await fixture<HTMLElement>(html`<clinic-board api="http://127.0.0.1:9" locale="en"></clinic-board>`);
    await until(el, '[role="alert"]');
    expect(text(el)).to.contain('could not be loaded');
    await accessible(el);
  });
});
