// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        comptoir_test_init      (int    *argc,
                                     char ***argv);
const char *comptoir_test_get_tmpdir (void);
char       *comptoir_test_tmp_path  (const char *name);

G_END_DECLS
