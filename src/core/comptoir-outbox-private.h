// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "comptoir-outbox.h"
#include "comptoir-store-private.h"

G_BEGIN_DECLS

/* Called by the store: on every connection once the schema is there, and
 * inside every transaction just before COMMIT. */
void     comptoir_outbox_install_hooks (sqlite3        *db);
gboolean comptoir_outbox_collect       (ComptoirStore  *store,
                                        GError        **error);

G_END_DECLS
