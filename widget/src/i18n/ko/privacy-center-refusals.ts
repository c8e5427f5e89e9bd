import type { privacyCenterRefusals as en } from '../en/privacy-center-refusals.js';

export const privacyCenterRefusals: typeof en = {
  _codes: {
    INVALID_CODE: '이 링크나 코드는 쓸 수 없습니다. 이미 사용했거나, 30분이 지났거나, 잘못 입력했습니다. 새 링크를 받으세요.',
    CODE_BURNED: '코드를 여러 번 잘못 입력해 이 코드는 더 이상 쓸 수 없습니다. 새 링크를 받으세요.',
    SESSION_EXPIRED: '확인 시간이 끝났습니다(30분 경과 또는 로그아웃). 계속하려면 새 링크를 받으세요.',
    UNAUTHENTICATED: '다시 로그인해 주세요.',
    VERIFICATION_REQUIRED: '먼저 본인의 이메일 주소인지 확인해 주세요.',
    UNDER_14: '만 14세 미만은 회원으로 가입할 수 없습니다. 진료 예약은 부모님이나 보호자가 도와 하실 수 있습니다.',
    EMAIL_UNVERIFIED: '아직 이메일 주소가 확인되지 않았습니다. 가입할 때 보낸 메일의 링크를 누르거나 링크를 다시 받으세요.',
    CONSENT_REQUIRED: '필수 항목에 동의해 주세요.',
    NOT_ALLOWED: '필수 동의는 따로 철회할 수 없습니다. 철회하려면 모든 정보를 삭제하세요.',
    POLICY_OUTDATED: '개인정보처리방침이 바뀌었습니다. 현재 항목을 읽고 동의해 주세요.',
    RESTRICTED: '요청하신 정정을 확인하는 중입니다. 확인이 끝난 뒤에 바꿀 수 있습니다.',
    RRN_REFUSED: '주민등록번호는 입력하지 마세요.',
    VALIDATION: '입력한 내용을 확인해 주세요.',
    LOGIN_FAILED: '이메일 또는 비밀번호가 맞지 않습니다.',
    WRONG_PASSWORD: '현재 비밀번호가 맞지 않습니다.',
    RATE_LIMITED: '시도가 너무 많습니다. 몇 분 뒤에 다시 시도해 주세요.',
    NETWORK: '병원 서버에 연결할 수 없습니다. 연결을 확인하고 다시 시도해 주세요.',
    FAILED: '일시적인 오류가 발생했습니다. 다시 시도해 주세요.',
  },
};
