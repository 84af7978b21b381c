// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/* The core translates its own error messages: it is used by the app,
 * the command line and the tests alike. */
#include "config.h"
#include <glib/gi18n-lib.h>
