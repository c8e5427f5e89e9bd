import type { refusals as en } from '../en/refusals.js';

export const refusals: typeof en = {
  _slotTaken: '죄송합니다. 방금 다른 분이 그 시간을 예약했습니다. 다른 시간을 골라 주세요. 입력하신 내용은 그대로 있습니다.',
  _consentRequired: '아래 표시된 항목에 동의해 주세요.',
  _guardianRequired: '만 14세 미만 환자는 법정대리인 정보가 필요합니다.',
  _policyOutdated: '개인정보처리방침이 바뀌었습니다. 다시 읽고 동의해 주세요.',
  _codeWrong: (triesLeft: number) => `코드가 맞지 않습니다. ${triesLeft}번 더 입력할 수 있습니다.`,
  _codeBurned: '잘못된 코드를 너무 많이 입력해 이 코드는 더 이상 쓸 수 없습니다. 법정대리인에게 새 코드를 보내 달라고 요청해 주세요.',
  _resendLimit: '새 코드를 더 보낼 수 없습니다. 병원에 전화해 주세요.',
};
