package hallq.queue;

import java.util.UUID;

/** The citizen's ticket page: the QR code on the printed ticket and on the kiosk screen opens it. */
public final class TicketPage {
  private TicketPage() {}

  /** The page of this ticket, carrying the key that lets its holder cancel and rate it. */
  public static String url(String publicBaseUrl, UUID ticketId, String citizenKey) {
    return publicBaseUrl + "/ticket.html?id=" + ticketId + "&key=" + citizenKey;
  }
}
