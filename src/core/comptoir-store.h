// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COMPTOIR_TYPE_STORE (comptoir_store_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirStore, comptoir_store, COMPTOIR, STORE, GObject)

/**
 * ComptoirStoreTxFunc:
 * @store: the store
 * @user_data: closure
 * @error: where to report a failure; returning %FALSE rolls back
 *
 * The body of a transaction.
 */
typedef gboolean (*ComptoirStoreTxFunc) (ComptoirStore  *store,
                                         gpointer        user_data,
                                         GError        **error);

char          *comptoir_store_default_path        (void);
ComptoirStore *comptoir_store_open                (const char           *path,
                                                   GError              **error);
const char    *comptoir_store_get_path            (ComptoirStore        *self);
int            comptoir_store_get_schema_version  (ComptoirStore        *self);
int            comptoir_store_get_latest_version  (void);
gboolean       comptoir_store_transaction         (ComptoirStore        *self,
                                                   ComptoirStoreTxFunc   func,
                                                   gpointer              user_data,
                                                   GError              **error);
gint64         comptoir_store_count               (ComptoirStore        *self,
                                                   const char           *table);
void           comptoir_store_close               (ComptoirStore        *self);

G_END_DECLS
