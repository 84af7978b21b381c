// SPDX-License-Identifier: GPL-3.0-or-later
#include "comptoir-error.h"

G_DEFINE_QUARK (comptoir-error-quark, comptoir_error)
