#ifndef PERMITDESK_CLIBYAML_SHIM_H
#define PERMITDESK_CLIBYAML_SHIM_H
/* libyaml's event API, from the system's libyaml-dev. */
#include <yaml.h>
#endif
