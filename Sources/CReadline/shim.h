#ifndef PERMITDESK_CREADLINE_SHIM_H
#define PERMITDESK_CREADLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <pthread.h>
#include <poll.h>

/* Accessors for readline's C globals, so Swift 6 code need not touch
   mutable globals directly. */
static inline void pd_set_completion_function(rl_completion_func_t *f) {
  rl_attempted_completion_function = f;
}
static inline void pd_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline void pd_set_attempted_completion_over(int v) { rl_attempted_completion_over = v; }
static inline const char *pd_line_buffer(void) { return rl_line_buffer; }
static inline int pd_completion_start(void) { return 0; }
static inline void pd_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void pd_set_basic_word_break_characters(const char *s) { rl_basic_word_break_characters = s; }
static inline int pd_history_length(void) { return history_length; }
static inline char **pd_completion_matches(const char *text, rl_compentry_func_t *f) {
  return rl_completion_matches(text, f);
}
/* Character handling for readline: the user's LC_CTYPE when it is a UTF-8 locale installed on the
   machine, else glibc's built-in C.UTF-8 (a fresh machine has no zh_CN locale, and readline in the
   "C" locale would treat a Chinese character as three one-byte characters: backspace would cut it
   in half). Only LC_CTYPE: numbers and dates are formatted by PermitDesk itself. Returns 1 when a
   UTF-8 character type is in force. */
static inline int pd_use_utf8_ctype(void) {
  const char *l = setlocale(LC_CTYPE, "");
  if (l && (strstr(l, "UTF-8") || strstr(l, "utf8") || strstr(l, "UTF8") || strstr(l, "utf-8"))) return 1;
  return setlocale(LC_CTYPE, "C.UTF-8") != NULL;
}
/* stdout helpers (Swift 6 treats the C global `stdout` as unsafe shared state). */
static inline void pd_flush_stdout(void) { fflush(stdout); }
static inline void pd_stdout_line_buffered(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
/* Unblocks SIGINT in the calling thread, first thing in main: a parent may hand it down blocked (a
   test harness's threads block signals), and Ctrl-C must work in every subcommand. */
static inline void pd_unblock_interrupt(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* --- readline's callback interface (LineReader.swift) -------------------------------------------
   Ctrl-C at the prompt and lines printed above it. Readline's own signal handling is off: a signal
   handler here only writes one byte (the signal's letter) to a self-pipe, whatever thread it runs
   on, and LineReader's poll() loop on fd 0 and the pipe does readline's clean-up on the main
   thread. The statics below exist once per object file that uses them: only LineReader.swift may
   call the pd_signal_* and pd_rl_* functions (each Swift file gets its own copy of a header's
   static variables). */
static int pd_signal_pipe_write = -1;
static int pd_signal_pipe_read = -1;
/* Signals taken out of the pipe by pd_rl_getc (below) and not yet handled by the loop. */
static int pd_signal_pending_interrupt = 0;
static int pd_signal_pending_resize = 0;
static int pd_signal_pending_suspend = 0;
/* The terminal opened a second time, non-blocking (a file description of our own: fd 0's flags,
   shared with the shell, stay as they are). */
static int pd_tty_read_fd = -1;
static void pd_signal_to_pipe(int sig) {
  int saved = errno;
  char c = sig == SIGINT ? 'I' : sig == SIGWINCH ? 'W' : sig == SIGTSTP ? 'Z' : '?';
  if (pd_signal_pipe_write >= 0) (void)write(pd_signal_pipe_write, &c, 1);
  errno = saved;
}
/* Empties the self-pipe into the pending flags. */
static inline void pd_signal_collect(void) {
  char buf[64];
  for (;;) {
    ssize_t n = read(pd_signal_pipe_read, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] == 'I') pd_signal_pending_interrupt = 1;
      if (buf[i] == 'W') pd_signal_pending_resize = 1;
      if (buf[i] == 'Z') pd_signal_pending_suspend = 1;
    }
  }
}
/* What the loop has to handle since the last call: bit 1 Ctrl-C, bit 2 a window resize, bit 4
   Ctrl-Z. */
static inline int pd_signal_drain(void) {
  if (pd_signal_pipe_read >= 0) pd_signal_collect();
  int r = (pd_signal_pending_interrupt ? 1 : 0) | (pd_signal_pending_resize ? 2 : 0) | (pd_signal_pending_suspend ? 4 : 0);
  pd_signal_pending_interrupt = pd_signal_pending_resize = pd_signal_pending_suspend = 0;
  return r;
}
/* readline's getc. LineReader only calls rl_callback_read_char when standard input is readable,
   but readline reads the rest of a character or of a key sequence, a y/n answer or a --More--
   key by itself, waiting as long as it takes. Ctrl-C's line discipline throws away what was
   typed and not yet read (even after poll() said there was input), so such a wait could last
   until the next key. Here the read does not block, and the wait also
   watches the self-pipe: on Ctrl-C it returns Ctrl-G, readline's abort key, which ends what
   readline was in the middle of; the loop then clears the line as for any Ctrl-C. */
static int pd_rl_getc(FILE *stream) {
  /* Reads never block: between poll() saying "readable" and read(), Ctrl-C's flush can empty the
     input queue, and a blocking read would then wait for the next key. */
  int fd = pd_tty_read_fd >= 0 ? pd_tty_read_fd : fileno(stream);
  for (;;) {
    if (pd_signal_pending_interrupt) return 7; /* ^G: abort */
    struct pollfd fds[2] = {{fd, POLLIN, 0}, {pd_signal_pipe_read, POLLIN, 0}};
    int n = poll(fds, pd_signal_pipe_read >= 0 ? 2 : 1, -1);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return EOF;
    }
    if (pd_signal_pipe_read >= 0 && (fds[1].revents & POLLIN)) pd_signal_collect();
    if (pd_signal_pending_interrupt) return 7;
    if (fds[0].revents) {
      unsigned char c;
      ssize_t r = read(fd, &c, 1);
      if (r == 1) return c;
      if (r < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      return EOF;
    }
  }
}
/* Creates the self-pipe (both ends non-blocking, close-on-exec) and turns readline's own signal
   handling off. Returns the read end, or -1. */
static inline int pd_signal_pipe_create(void) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  for (int i = 0; i < 2; i++) {
    fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    fcntl(fds[i], F_SETFD, FD_CLOEXEC);
  }
  pd_signal_pipe_write = fds[1];
  pd_signal_pipe_read = fds[0];
  const char *tty = ttyname(0);
  if (tty) pd_tty_read_fd = open(tty, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_getc_function = pd_rl_getc;
  return fds[0];
}
/* Routes SIGINT and SIGWINCH to the self-pipe and unblocks both in the calling thread (a parent
   such as a test harness may hand SIGINT down blocked or ignored). */
static inline void pd_signal_route_to_pipe(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = pd_signal_to_pipe;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGWINCH, &sa, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGWINCH);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
/* Ctrl-Z at a prompt goes to the pipe too (readline's own handling is off), so that the loop can
   put the terminal back before the program stops; outside the prompt it stops the program as
   usual. */
static int pd_suspend_ignored = -1; /* the parent set SIGTSTP to SIG_IGN: leave it so */
static inline void pd_signal_suspend_to_pipe(int on) {
  struct sigaction sa;
  if (pd_suspend_ignored < 0) {
    sigaction(SIGTSTP, NULL, &sa);
    pd_suspend_ignored = sa.sa_handler == SIG_IGN;
  }
  if (pd_suspend_ignored) return;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on ? pd_signal_to_pipe : SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGTSTP, &sa, NULL);
  /* A parent may hand it down blocked (a test harness's threads block signals). */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTSTP);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
/* SIGINT's default action again (a prompt outside the REPL: Ctrl-C stops the program). */
static inline void pd_signal_default_interrupt(void) { signal(SIGINT, SIG_DFL); }
/* Stops the program as an uncaught Ctrl-C does (exit status 130 in a shell). */
static inline void pd_signal_raise_interrupt(void) {
  signal(SIGINT, SIG_DFL);
  raise(SIGINT);
}
/* Blocks SIGINT and SIGWINCH in the calling thread (threads other than the main one: the signal
   then goes to the main thread; harmless either way, the handler only writes to the pipe). */
static inline void pd_signal_block_here(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGWINCH);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
}
/* The line the callback interface delivered (NULL at the end of input), and whether it did. */
static char *pd_rl_line = NULL;
static int pd_rl_line_ready = 0;
static void pd_rl_line_handler(char *line) {
  pd_rl_line = line;
  pd_rl_line_ready = 1;
  /* Removing the handler here keeps readline from showing the prompt again before the command
     has run (it restores the terminal as readline() does on return). */
  rl_callback_handler_remove();
}
static inline void pd_rl_begin(const char *prompt) {
  pd_rl_line = NULL;
  pd_rl_line_ready = 0;
  rl_callback_handler_install(prompt, pd_rl_line_handler);
}
static inline int pd_rl_line_is_ready(void) { return pd_rl_line_ready; }
static inline char *pd_rl_take_line(void) {
  char *l = pd_rl_line;
  pd_rl_line = NULL;
  pd_rl_line_ready = 0;
  return l;
}
/* Ctrl-C at the prompt: the line being typed is dropped (with any search or completion listing in
   progress), "^C" and a new line are shown and a fresh, empty prompt is drawn, as in bash. */
static inline void pd_rl_interrupt(void) {
  rl_free_line_state();
  rl_callback_sigcleanup();
  rl_cleanup_after_signal();
  rl_reset_after_signal();
  fputs("^C", rl_outstream ? rl_outstream : stdout);
  rl_crlf();
  rl_replace_line("", 1);
  rl_point = rl_end = rl_mark = 0;
  rl_on_new_line();
  rl_redisplay();
  fflush(rl_outstream ? rl_outstream : stdout);
}
/* Before printing lines above the prompt: erases the prompt and the line being typed from the
   screen (readline keeps them in its buffer). */
static inline void pd_rl_hide(void) {
  rl_clear_visible_line();
  fflush(rl_outstream ? rl_outstream : stdout);
}
/* After printing: the prompt (possibly new) and the line being typed, cursor where it was. */
static inline void pd_rl_show(const char *prompt) {
  if (prompt) rl_set_prompt(prompt);
  rl_on_new_line();
  rl_forced_update_display();
  fflush(rl_outstream ? rl_outstream : stdout);
}
/* Ctrl-Z at the prompt, as readline itself does it: the terminal as it was, the program stopped
   (the shell takes over); on `fg`, readline's terminal mode again and the prompt and the line
   redrawn. (A process group without a job-control shell is not stopped: the redraw follows at
   once.) */
static inline void pd_rl_suspend(void) {
  rl_cleanup_after_signal();
  fflush(rl_outstream ? rl_outstream : stdout);
  pd_signal_suspend_to_pipe(0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTSTP);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  raise(SIGTSTP);
  pd_signal_suspend_to_pipe(1);
  rl_reset_after_signal();
  rl_on_new_line();
  rl_forced_update_display();
  fflush(rl_outstream ? rl_outstream : stdout);
}
/* The terminal was resized: readline learns the new size and redraws. */
static inline void pd_rl_resize(void) { rl_resize_terminal(); }
/* Ends the callback interface if it is still installed (leaving at the end of input). */
static inline void pd_rl_end(void) { rl_callback_handler_remove(); }
#endif
