package hallq.bridge.serial;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls a pseudo-terminal needs, bound with JNA. */
interface PosixTerminals extends Library {

  PosixTerminals LIBC = Native.load("c", PosixTerminals.class);

  int O_RDWR = 0x2;
  int O_NOCTTY = 0x100;
  int TCSANOW = 0;
  short POLLIN = 0x1;
  int EINTR = 4;
  int EAGAIN = 11;
  /** glibc's struct termios is 60 bytes on Linux; room to spare. */
  int TERMIOS_SIZE = 128;
  /** struct pollfd: int fd, short events, short revents. */
  int POLLFD_SIZE = 8;

  int posix_openpt(int flags);

  int grantpt(int fd);

  int unlockpt(int fd);

  int ptsname_r(int fd, byte[] buf, NativeLong buflen);

  int open(String path, int flags);

  int close(int fd);

  NativeLong read(int fd, byte[] buf, NativeLong count);

  NativeLong write(int fd, byte[] buf, NativeLong count);

  int poll(Pointer fds, NativeLong nfds, int timeoutMillis);

  int tcgetattr(int fd, Pointer termios);

  void cfmakeraw(Pointer termios);

  int tcsetattr(int fd, int optionalActions, Pointer termios);
}
