// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "comptoir-platform.h"
#include "comptoir-store.h"
G_BEGIN_DECLS
void     comptoir_sync_pull_async  (ComptoirStore *store, ComptoirPlatform *platform, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean comptoir_sync_pull_finish (GAsyncResult *result, guint *n_changed, GError **error);
G_END_DECLS
