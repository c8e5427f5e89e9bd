import type { policy as en } from '../en/policy.js';

export const policy: typeof en = {
  _loading: '개인정보처리방침을 불러오는 중…',
  _effective: (date) => `시행일 ${date}`,
  _version: (n) => `제${n}판`,
  _older: '이전 판의 개인정보처리방침을 보고 계십니다.',
  _showCurrent: '현재 판 보기',
  _officer: '개인정보 보호책임자',
  _upcoming: (n, date) => `${date}부터 제${n}판이 시행됩니다.`,
  _history: '이전 판',
  _current: '현행',
  _failed: '개인정보처리방침을 불러오지 못했습니다. 인터넷 연결을 확인한 뒤 다시 시도해 주세요.',
  _retry: '다시 시도',
};
