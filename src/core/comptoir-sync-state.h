// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

/* Resources pulled from a platform, as named in sync_state. */
#define COMPTOIR_SYNC_ORDERS  "orders"
#define COMPTOIR_SYNC_PAYOUTS "payouts"

/**
 * ComptoirSyncPosition:
 * @since: (nullable): the latest change a finished pull brought, sent as
 *   `updated_since` by the next pull; %NULL to pull everything
 * @next: (nullable): the cursor of the next page of a pull that stopped
 *   half-way (closed, killed, offline); %NULL when none is under way
 * @seen: (nullable): the latest change written so far by the pull under
 *   way; becomes @since once its last page is written
 *
 * Where the incremental pull of one resource of one account stands.
 */
typedef struct
{
  char *since;
  char *next;
  char *seen;
} ComptoirSyncPosition;

void     comptoir_sync_position_clear       (ComptoirSyncPosition        *position);

gboolean comptoir_sync_state_load_position  (ComptoirStore               *store,
                                             gint64                       account_id,
                                             const char                  *resource,
                                             ComptoirSyncPosition        *position,
                                             GError                     **error);
gboolean comptoir_sync_state_save_position  (ComptoirStore               *store,
                                             gint64                       account_id,
                                             const char                  *resource,
                                             const ComptoirSyncPosition  *position,
                                             gboolean                     finished,
                                             GError                     **error);
gboolean comptoir_sync_state_set_error      (ComptoirStore               *store,
                                             gint64                       account_id,
                                             const char                  *resource,
                                             const char                  *message,
                                             GError                     **error);
gboolean comptoir_sync_state_get_status     (ComptoirStore               *store,
                                             gint64                       account_id,
                                             const char                  *resource,
                                             char                       **last_success_at,
                                             char                       **last_error,
                                             GError                     **error);

G_END_DECLS
