// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *comptoir_text_fold (const char *text);

G_END_DECLS
