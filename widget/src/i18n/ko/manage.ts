import type { manage as en } from '../en/manage.js';

export const manage: typeof en = {
  _slotTaken: '죄송합니다. 방금 다른 분이 그 시간을 예약했습니다. 다른 시간을 골라 주세요. 입력하신 내용은 그대로 있습니다.',
  _manageHeading: '내 예약',
  _status: '상태',
  _statuses: { confirmed: '확정', pending_guardian: '보호자 확인 대기', cancelled: '취소됨', completed: '진료 완료', no_show: '미방문' },
  _patient: '환자',
  _cancel: '예약 취소',
  _cancelConfirm: '예약을 취소할까요? 이 시간은 다른 분께 열립니다.',
  _cancelYes: '네, 취소합니다',
  _keep: '아니요, 유지합니다',
  _cancelled: '예약이 취소되었습니다.',
  _reschedule: '다른 시간으로 변경',
  _rescheduleSave: '이 시간으로 예약 변경',
  _rescheduled: '예약이 새 시간으로 변경되었습니다.',
  _rightsHeading: '내 개인정보',
  _send: '보내기',
  _privacyCenter: '개인정보 센터에서 내 정보 전체를 확인, 정정, 내려받기 또는 삭제하기',
  _privacyCenterWhy: '다른 사람이 내 정보를 열지 못하도록 먼저 이메일 주소를 확인합니다.',
  _complain: '개인정보 관련 민원 접수',
  _message: '민원 내용',
  _complained: (reference) => `민원이 접수되었습니다(접수 번호 ${reference}). 처리 결과를 이메일로 알려 드립니다.`,
};
