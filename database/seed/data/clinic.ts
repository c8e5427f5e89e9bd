/** The demo clinic. Every person here is made up. */
export const clinic = {
  name: 'Dodream Plastic Surgery',
  timeZone: 'Asia/Seoul',
  defaultLocale: 'en' as const,
  locales: ['en', 'ko'],
  phone: '+82 2-555-0100',
  email: 'hello@dodream.example',
  address: '100 Example-ro, Gangnam-gu, Seoul (demo address)',
  website: 'https://dodream.example',
  officer: {
    name: 'Jiwoo Han',
    title: 'Personal Information Management Officer',
    phone: '+82 2-555-0142',
    email: 'privacy@dodream.example',
  },
  minimumNoticeMinutes: 120,
  bookingHorizonDays: 60,
  bufferMinutes: 10,
  slotStepMinutes: 15,
  reminderTime: '10:00',
  mailFrom: 'Dodream Plastic Surgery <no-reply@dodream.example>',
};

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const hours = (days: readonly string[], opens: string, closes: string) =>
  days.map((weekday) => ({ weekday, opens, closes }));

export const practitioners = [
  {
    slug: 'hana-yoon',
    name: 'Dr. Hana Yoon',
    title: 'Plastic surgeon',
    weeklyHours: [...hours(weekdays, '09:00', '18:00'), ...hours(['saturday'], '09:00', '13:00')],
  },
  {
    slug: 'minho-kang',
    name: 'Dr. Minho Kang',
    title: 'Dermatologist',
    weeklyHours: [...hours(['monday', 'wednesday', 'friday'], '10:00', '19:00'), ...hours(['tuesday', 'thursday'], '13:00', '20:00')],
  },
  {
    slug: 'sora-lim',
    name: 'Sora Lim',
    title: 'Skin-care therapist',
    weeklyHours: [...hours(weekdays, '09:30', '17:30'), ...hours(['saturday'], '10:00', '15:00')],
  },
];

export const services = [
  {
    slug: 'first-consultation',
    durationMinutes: 30,
    sortOrder: 1,
    practitioners: ['hana-yoon', 'minho-kang'],
    en: { name: 'First consultation', description: 'A first talk with a doctor about what you would like and what is possible.' },
    ko: { name: '첫 상담', description: '원하시는 시술과 가능한 방법에 대해 의사와 처음 상담합니다.' },
  },
  {
    slug: 'laser-toning',
    durationMinutes: 45,
    sortOrder: 2,
    practitioners: ['minho-kang', 'sora-lim'],
    en: { name: 'Laser toning', description: 'Low-energy laser treatment for pigmentation and even skin tone.' },
    ko: { name: '레이저 토닝', description: '색소 침착과 고른 피부 톤을 위한 저출력 레이저 시술입니다.' },
  },
  {
    slug: 'botulinum-toxin',
    durationMinutes: 20,
    bufferMinutes: 10,
    sortOrder: 3,
    practitioners: ['hana-yoon', 'minho-kang'],
    en: { name: 'Botulinum toxin', description: 'Injection to soften expression lines; about twenty minutes.' },
    ko: { name: '보톡스', description: '표정 주름을 완화하는 주사 시술로 약 20분 걸립니다.' },
  },
  {
    slug: 'hydrating-facial',
    durationMinutes: 60,
    sortOrder: 4,
    practitioners: ['sora-lim'],
    en: { name: 'Hydrating facial', description: 'A relaxing facial that restores moisture to the skin.' },
    ko: { name: '수분 관리', description: '피부에 수분을 채워 주는 편안한 관리입니다.' },
  },
  {
    slug: 'eyelid-surgery-consultation',
    durationMinutes: 50,
    slotStepMinutes: 30,
    sortOrder: 5,
    practitioners: ['hana-yoon'],
    en: { name: 'Eyelid surgery consultation', description: 'Examination and planning before double-eyelid surgery.' },
    ko: { name: '쌍꺼풀 수술 상담', description: '쌍꺼풀 수술 전 진찰과 수술 계획 상담입니다.' },
  },
];

/** Closures and holidays (clinic-wide unless a practitioner is named). */
export const closures = [
  { startDate: '2026-12-25', kind: 'holiday', reason: 'Christmas Day' },
  { startDate: '2027-01-01', kind: 'holiday', reason: "New Year's Day" },
  { startDate: '2027-02-06', endDate: '2027-02-08', kind: 'holiday', reason: 'Seollal (Lunar New Year)' },
  { startDate: '2027-01-15', kind: 'closure', reason: 'Clinic closed for staff training' },
  { startDate: '2027-01-18', endDate: '2027-01-22', kind: 'leave', reason: 'Conference', practitioner: 'minho-kang' },
];
