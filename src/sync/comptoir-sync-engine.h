// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_SYNC_ENGINE (comptoir_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirSyncEngine, comptoir_sync_engine, COMPTOIR, SYNC_ENGINE, GObject)

ComptoirSyncEngine *comptoir_sync_engine_new                    (ComptoirStore      *store);
void                comptoir_sync_engine_start                  (ComptoirSyncEngine *self);
void                comptoir_sync_engine_sync_now               (ComptoirSyncEngine *self);
gboolean            comptoir_sync_engine_get_busy               (ComptoirSyncEngine *self);
gboolean            comptoir_sync_engine_get_offline            (ComptoirSyncEngine *self);
const char         *comptoir_sync_engine_get_account_error      (ComptoirSyncEngine *self,
                                                                 gint64              account_id);
GDateTime          *comptoir_sync_engine_get_account_last_sync  (ComptoirSyncEngine *self,
                                                                 gint64              account_id);

G_END_DECLS
