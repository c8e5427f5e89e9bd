import { bookingMail, htmlParagraphs } from '../../src/mail/templates';

const vars = {
  clinicName: 'Dodream Plastic Surgery',
  clinicPhone: '02-555-0100',
  patientName: 'Visit https://evil.example/win now',
  serviceName: 'First consultation',
  practitionerName: 'Dr. Madeup',
  when: 'Tue 3 June 2030, 10:00',
  reference: 'R-ABCD-EFGH',
  manageUrl: 'https://clinic.example/booking?manage=tok_123&x=1',
  awaitingGuardian: false,
};

describe('links in mail', () => {
  it.each(['en', 'ko'] as const)('only the clinic’s own link is clickable in a %s booking mail, never a URL a person typed', (locale) => {
    const { html } = bookingMail('confirmation', locale, vars);
    expect(html).toContain('<a href="https://clinic.example/booking?manage=tok_123&amp;x=1">');
    expect(html).toContain('https://evil.example/win');
    expect(html).not.toMatch(/<a [^>]*evil\.example/);
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('escapes everything and links nothing unless told which link is the clinic’s', () => {
    expect(htmlParagraphs(['<b>https://example.test/</b>'])).toBe('<p>&lt;b&gt;https://example.test/&lt;/b&gt;</p>');
  });
});
