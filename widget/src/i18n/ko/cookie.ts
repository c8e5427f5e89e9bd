import type { cookie as en } from '../en/cookie.js';

export const cookie: typeof en = {
  _heading: '이 사이트의 쿠키',
  _text: '사이트 운영에 꼭 필요한 쿠키를 사용합니다. 동의하시면 아래 목적별 쿠키도 사용합니다. 선택은 언제든지 바꿀 수 있습니다.',
  _policyLink: '개인정보처리방침',
  _acceptAll: '모두 허용',
  _refuseAll: '모두 거부',
  _choose: '직접 선택',
  _save: '선택 저장',
  _alwaysOn: '항상 사용',
  _saved: '쿠키 선택이 저장되었습니다.',
};
