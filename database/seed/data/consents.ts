/**
 * Consent items, one per purpose of the 2010 policy, each separate so that refusing an
 * optional one changes nothing else. Keys are stable: the ledger and the API use them.
 */
type Text = { title: string; purpose: string; dataCategories: string[]; retention: string; refusalConsequence: string };
export interface SeedConsentItem {
  key: string;
  kind: 'collection' | 'health' | 'third_party' | 'marketing' | 'keep_after_treatment' | 'board';
  channels: string[];
  required: boolean;
  sortOrder: number;
  keepDays?: number;
  en: Text;
  ko: Text;
}

export const consentItems: SeedConsentItem[] = [
  {
    key: 'reservation_collection',
    kind: 'collection',
    channels: ['reservation'],
    required: true,
    sortOrder: 1,
    en: {
      title: 'Collection and use of personal information for your reservation',
      purpose: 'To book your treatment, confirm it, remind you of it and contact you about changes.',
      dataCategories: ['Name', 'Date of birth', 'Gender', 'Phone number', 'E-mail'],
      retention: 'Until your treatment is completed (destroyed a few days after), or at once if you cancel.',
      refusalConsequence: 'Without this consent we cannot take a reservation online; you can still call the clinic.',
    },
    ko: {
      title: '예약을 위한 개인정보 수집·이용 동의',
      purpose: '시술 예약, 예약 확인, 사전 안내 및 변경 사항 연락을 위해 이용합니다.',
      dataCategories: ['이름', '생년월일', '성별', '전화번호', '이메일'],
      retention: '시술이 완료될 때까지 보관하며(완료 후 며칠 내 파기), 예약을 취소하면 즉시 파기합니다.',
      refusalConsequence: '동의하지 않으시면 온라인 예약을 할 수 없으며, 전화로 예약하실 수 있습니다.',
    },
  },
  {
    key: 'reservation_health',
    kind: 'health',
    channels: ['reservation'],
    required: true,
    sortOrder: 2,
    en: {
      title: 'Processing of health information',
      purpose: 'The treatment you book and any note you add are health information; we use them only to prepare your treatment.',
      dataCategories: ['Treatment booked', 'Notes about your health'],
      retention: 'Until your treatment is completed, as for the reservation.',
      refusalConsequence: 'A treatment cannot be booked without it, because the booking itself reveals health information.',
    },
    ko: {
      title: '건강정보(민감정보) 처리 동의',
      purpose: '예약하신 시술과 남기신 메모는 건강정보이며, 시술 준비에만 이용합니다.',
      dataCategories: ['예약 시술', '건강 관련 메모'],
      retention: '예약 정보와 같이 시술 완료 시까지 보관합니다.',
      refusalConsequence: '예약 자체가 건강정보를 포함하므로, 동의하지 않으시면 예약할 수 없습니다.',
    },
  },
  {
    key: 'reservation_keep',
    kind: 'keep_after_treatment',
    channels: ['reservation'],
    required: false,
    sortOrder: 3,
    keepDays: 365,
    en: {
      title: 'Keeping your reservation data after the treatment (optional)',
      purpose: 'To follow up on your treatment and make your next booking easier.',
      dataCategories: ['Name', 'Date of birth', 'Phone number', 'E-mail', 'Treatment history'],
      retention: 'One year after the treatment, or until you withdraw this consent.',
      refusalConsequence: 'None: your data is destroyed when your treatment is completed.',
    },
    ko: {
      title: '시술 후 예약 정보 보관 동의(선택)',
      purpose: '시술 후 경과 관리와 다음 예약의 편의를 위해 이용합니다.',
      dataCategories: ['이름', '생년월일', '전화번호', '이메일', '시술 이력'],
      retention: '시술 후 1년 또는 동의를 철회할 때까지 보관합니다.',
      refusalConsequence: '불이익은 없으며, 시술이 완료되면 정보를 파기합니다.',
    },
  },
  {
    key: 'membership_collection',
    kind: 'collection',
    channels: ['membership'],
    required: true,
    sortOrder: 1,
    en: {
      title: 'Collection and use of personal information for membership',
      purpose: 'To create your member account and ID, provide member services and personalised service.',
      dataCategories: ['Name', 'Date of birth', 'Gender', 'Login ID', 'Phone number', 'Home address', 'E-mail', 'Service history', 'Connection log'],
      retention: 'Until you withdraw your membership or are expelled; connection logs for 3 months.',
      refusalConsequence: 'Without this consent you cannot become a member; you can still book without membership.',
    },
    ko: {
      title: '회원가입을 위한 개인정보 수집·이용 동의',
      purpose: '회원 계정과 아이디 발급, 회원 서비스 및 맞춤 서비스 제공을 위해 이용합니다.',
      dataCategories: ['이름', '생년월일', '성별', '아이디', '전화번호', '주소', '이메일', '서비스 이용 기록', '접속 로그'],
      retention: '회원 탈퇴 또는 제명 시까지 보관하며, 접속 로그는 3개월간 보관합니다.',
      refusalConsequence: '동의하지 않으시면 회원가입을 할 수 없으며, 비회원 예약은 가능합니다.',
    },
  },
  {
    key: 'marketing_notices',
    kind: 'marketing',
    channels: ['membership'],
    required: false,
    sortOrder: 2,
    en: {
      title: 'Notices of new services and information (optional)',
      purpose: 'To send you news of new treatments and events by e-mail.',
      dataCategories: ['Name', 'E-mail'],
      retention: 'Until you unsubscribe or withdraw your membership.',
      refusalConsequence: 'None: you will only receive mail about your own reservations.',
    },
    ko: {
      title: '신규 서비스 및 정보 안내 수신 동의(선택)',
      purpose: '새로운 시술과 이벤트 소식을 이메일로 보내 드립니다.',
      dataCategories: ['이름', '이메일'],
      retention: '수신 거부 또는 회원 탈퇴 시까지 보관합니다.',
      refusalConsequence: '불이익은 없으며, 예약 관련 메일만 받으시게 됩니다.',
    },
  },
  {
    key: 'board_posting',
    kind: 'board',
    channels: ['membership'],
    required: false,
    sortOrder: 3,
    en: {
      title: 'Writing on the bulletin board (optional)',
      purpose: 'To publish the posts and comments you write on the bulletin board under the display name you choose, and to let staff answer them.',
      dataCategories: ['Display name', 'Your posts and comments'],
      retention: 'Until you delete them or withdraw your membership; a thread staff answered stays readable with its author shown as "withdrawn member".',
      refusalConsequence: 'None: you can still read the board; you cannot write on it.',
    },
    ko: {
      title: '게시판 글쓰기 동의(선택)',
      purpose: '게시판에 작성하신 글과 댓글을 선택하신 표시 이름으로 게시하고, 직원이 답변하기 위해 이용합니다.',
      dataCategories: ['표시 이름', '작성하신 글과 댓글'],
      retention: '직접 삭제하시거나 회원 탈퇴 시까지 보관하며, 직원이 답변한 글은 작성자를 "탈퇴한 회원"으로 바꾸어 남깁니다.',
      refusalConsequence: '불이익은 없으며, 게시판을 읽을 수는 있으나 글을 쓸 수 없습니다.',
    },
  },
  {
    key: 'third_party_provision',
    kind: 'third_party',
    channels: ['membership', 'reservation'],
    required: false,
    sortOrder: 4,
    en: {
      title: 'Provision to partner organisations (optional)',
      purpose: 'To share what is needed with affiliates listed in our provision register, for better service; you are told in advance of each new recipient.',
      dataCategories: ['Name', 'Phone number', 'Treatment booked'],
      retention: 'For the period stated for each recipient in the provision register.',
      refusalConsequence: 'None: nothing is shared with anyone.',
    },
    ko: {
      title: '제휴 기관 제공 동의(선택)',
      purpose: '더 나은 서비스를 위해 제공 대장에 등록된 제휴 기관에 필요한 정보만 제공하며, 새로운 제공처는 미리 알려 드립니다.',
      dataCategories: ['이름', '전화번호', '예약 시술'],
      retention: '제공 대장에 제공처별로 명시된 기간 동안 보관합니다.',
      refusalConsequence: '불이익은 없으며, 누구에게도 제공하지 않습니다.',
    },
  },
  {
    key: 'consultation_collection',
    kind: 'collection',
    channels: ['consultation'],
    required: true,
    sortOrder: 1,
    keepDays: 90,
    en: {
      title: 'Collection and use of personal information for an online consultation',
      purpose: 'To answer your question by e-mail and, if you ask, by phone.',
      dataCategories: ['Name', 'E-mail', 'Phone number (optional)', 'Your question'],
      retention: '90 days after we answer, then destroyed.',
      refusalConsequence: 'Without this consent we cannot answer online; you can call the clinic.',
    },
    ko: {
      title: '온라인 상담을 위한 개인정보 수집·이용 동의',
      purpose: '문의하신 내용에 이메일(원하시면 전화)로 답변하기 위해 이용합니다.',
      dataCategories: ['이름', '이메일', '전화번호(선택)', '문의 내용'],
      retention: '답변 후 90일간 보관한 뒤 파기합니다.',
      refusalConsequence: '동의하지 않으시면 온라인 상담을 받을 수 없으며, 전화 상담은 가능합니다.',
    },
  },
  {
    key: 'consultation_health',
    kind: 'health',
    channels: ['consultation'],
    required: true,
    sortOrder: 2,
    en: {
      title: 'Processing of health information in your question',
      purpose: 'Your question may describe your health; we use it only to answer you.',
      dataCategories: ['Health information in your question'],
      retention: 'As for the consultation: 90 days after we answer.',
      refusalConsequence: 'A question about a treatment cannot be answered without it.',
    },
    ko: {
      title: '문의 내용 중 건강정보 처리 동의',
      purpose: '문의 내용에 건강 상태가 포함될 수 있으며, 답변에만 이용합니다.',
      dataCategories: ['문의 내용 중 건강정보'],
      retention: '상담 정보와 같이 답변 후 90일간 보관합니다.',
      refusalConsequence: '동의하지 않으시면 시술 관련 문의에 답변할 수 없습니다.',
    },
  },
];

export const cookieCategories = [
  {
    key: 'necessary',
    required: true,
    sortOrder: 1,
    en: {
      title: 'Necessary',
      purpose: 'Keep the site working and remember your cookie choice. They do not identify you personally.',
      dataCategories: ['Cookie choice', 'Session'],
      retention: 'Up to 12 months.',
      refusalConsequence: 'These cannot be refused: the site would not work without them.',
    },
    ko: {
      title: '필수',
      purpose: '사이트 동작과 쿠키 선택 기억에 필요하며, 개인을 식별하지 않습니다.',
      dataCategories: ['쿠키 선택', '세션'],
      retention: '최대 12개월.',
      refusalConsequence: '사이트 이용에 꼭 필요하므로 거부할 수 없습니다.',
    },
  },
  {
    key: 'analytics',
    required: false,
    sortOrder: 2,
    en: {
      title: 'Statistics',
      purpose: 'Count visits and pages used, as statistics on service use.',
      dataCategories: ['Pages visited', 'Browser type'],
      retention: '3 months.',
      refusalConsequence: 'None: your visits are not counted.',
    },
    ko: {
      title: '통계',
      purpose: '서비스 이용 통계를 위해 방문과 페이지 이용을 집계합니다.',
      dataCategories: ['방문한 페이지', '브라우저 종류'],
      retention: '3개월.',
      refusalConsequence: '불이익은 없으며, 방문이 집계되지 않습니다.',
    },
  },
  {
    key: 'marketing',
    required: false,
    sortOrder: 3,
    en: {
      title: 'Marketing',
      purpose: 'Show you news of our treatments on other sites.',
      dataCategories: ['Pages visited', 'Advertising identifier'],
      retention: '6 months.',
      refusalConsequence: 'None: you see no personalised advertising from us.',
    },
    ko: {
      title: '마케팅',
      purpose: '다른 사이트에서 저희 시술 소식을 보여 드립니다.',
      dataCategories: ['방문한 페이지', '광고 식별자'],
      retention: '6개월.',
      refusalConsequence: '불이익은 없으며, 맞춤 광고가 표시되지 않습니다.',
    },
  },
];
