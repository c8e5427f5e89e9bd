import type { refusals as en } from '../en/refusals.js';

export const refusals: typeof en = {
  _slotTaken: '죄송합니다. 방금 다른 분이 그 시간을 예약했습니다. 다른 시간을 골라 주세요. 입력하신 내용은 그대로 있습니다.',
  _consentRequired: '아래 표시된 항목에 동의해 주세요.',
  _guardianRequired: '만 14세 미만 환자는 법정대리인 정보가 필요합니다.',
  _policyOutdated: '개인정보처리방침이 바뀌었습니다. 다시 읽고 동의해 주세요.',
};
