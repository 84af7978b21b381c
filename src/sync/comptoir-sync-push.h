// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-platform.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

void     comptoir_sync_push_async  (ComptoirStore       *store,
                                    ComptoirPlatform    *platform,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean comptoir_sync_push_finish (GAsyncResult        *result,
                                    guint               *n_sent,
                                    GError             **error);

G_END_DECLS
