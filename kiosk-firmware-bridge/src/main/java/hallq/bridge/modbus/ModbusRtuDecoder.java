package hallq.bridge.modbus;

/**
 * Streaming decoder for Modbus RTU replies: 0x06/0x10 echo 8 bytes, exceptions 5 bytes, 0x03 is
 * sized by its byte count. See {@link RtuFrameScanner} for framing and resynchronisation.
 */
public final class ModbusRtuDecoder extends RtuFrameScanner<ModbusReply> {

  public ModbusRtuDecoder() {
    super(ModbusRtu.MAX_FRAME_LENGTH);
  }

  @Override
  protected int frameLength(byte[] bytes, int offset, int available) {
    return ModbusRtu.replyLength(bytes, offset, available);
  }

  @Override
  protected ModbusReply parse(byte[] bytes, int offset) {
    return ModbusRtu.parse(bytes, offset);
  }
}
