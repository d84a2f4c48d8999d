package hallq.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.db.PgSmsRepository.Kind;
import hallq.db.PgSmsRepository.Message;
import hallq.privacy.PersonalData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmsTextTest {

  @Test
  @DisplayName("短信正文：大厅名、号码、前面人数或窗口号，不含其他个人信息")
  void theTextsNameTheHallTheNumberAndWhereItStands() {
    Message near = new Message(1, Kind.NEAR, "A012", 3, null, new byte[0], "138****5678");
    Message called = new Message(2, Kind.CALLED, "A012", 0, 3, new byte[0], "138****5678");
    assertEquals("【临江市民服务中心】您的 A012 号前面还有 3 人，请回到等候区。", SmsText.of("临江市民服务中心", near));
    assertEquals("【临江市民服务中心】请 A012 号到 3 号窗口办理。", SmsText.of("临江市民服务中心", called));
  }

  @Test
  @DisplayName("网关错误信息中的手机号在记录前被掩码")
  void numbersInAGatewaysAnswerAreMasked() {
    assertEquals("HTTP 400 {\"mobile\":\"138****5678\",\"msg\":\"blocked 139****1111\"}",
        PersonalData.maskPhonesIn("HTTP 400 {\"mobile\":\"13812345678\",\"msg\":\"blocked 13900001111\"}"));
    assertEquals("order 2138123456789 stays", PersonalData.maskPhonesIn("order 2138123456789 stays"), "not part of a longer number");
  }
}
