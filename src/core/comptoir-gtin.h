// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean comptoir_gtin_check (const char  *text,
                              char       **out_normalized,
                              GError     **error);

G_END_DECLS
