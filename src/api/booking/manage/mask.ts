/** What a manage link shows of a person: enough to recognise oneself, too little to learn anything. */

export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const [first, ...rest] = [...word];
      return first + '*'.repeat(rest.length);
    })
    .join(' ');
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${[...email][0]}***@${[...domain][0] ?? ''}***${tld}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `***-****-${digits.slice(-4)}`;
}
