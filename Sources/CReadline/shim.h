#ifndef PERMITDESK_CREADLINE_SHIM_H
#define PERMITDESK_CREADLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

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
#endif
