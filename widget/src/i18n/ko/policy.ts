import type { policy as en } from '../en/policy.js';

export const policy: typeof en = {
  loading: '개인정보처리방침을 불러오는 중…',
  effective: (date) => `시행일 ${date}`,
  version: (n) => `제${n}판`,
  older: '이전 판의 개인정보처리방침을 보고 계십니다.',
  showCurrent: '현재 판 보기',
  officer: '개인정보 보호책임자',
  history: '이전 판',
  current: '현행',
  failed: '개인정보처리방침을 불러오지 못했습니다. 인터넷 연결을 확인한 뒤 다시 시도해 주세요.',
  retry: '다시 시도',
};
