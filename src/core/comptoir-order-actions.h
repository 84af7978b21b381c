// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-order.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

/*
 * What the merchant does with an order: accept it, refuse it (with a
 * reason the customer reads), mark it ready, hand it over. Each action
 * changes the order's status in the store at once and leaves an outbox
 * entry for the platform, in one transaction (DESIGN.md, rule 1); the
 * push sends it later, once, in order with the order's other actions.
 */

/**
 * ComptoirOrderSyncState:
 * @COMPTOIR_ORDER_SYNC_NONE: the merchant has not acted on the order lately
 * @COMPTOIR_ORDER_SYNC_PENDING: the last action waits to be sent
 * @COMPTOIR_ORDER_SYNC_SENT: the last action reached the platform
 * @COMPTOIR_ORDER_SYNC_FAILED: the platform refused the last action
 * @COMPTOIR_ORDER_SYNC_CONFLICT: the order changed on the platform
 *   meanwhile: the last action was not applied
 */
typedef enum
{
  COMPTOIR_ORDER_SYNC_NONE,
  COMPTOIR_ORDER_SYNC_PENDING,
  COMPTOIR_ORDER_SYNC_SENT,
  COMPTOIR_ORDER_SYNC_FAILED,
  COMPTOIR_ORDER_SYNC_CONFLICT,
} ComptoirOrderSyncState;

#define COMPTOIR_ORDER_REASON_MAX 500

const char *comptoir_order_action_get_status (const char              *action);
gboolean    comptoir_order_action_allowed    (const char              *status,
                                              const char              *action);
gboolean    comptoir_order_act               (ComptoirStore           *store,
                                              gint64                   order_id,
                                              const char              *action,
                                              const char              *reason,
                                              GError                 **error);
gboolean    comptoir_order_get_sync_state    (ComptoirStore           *store,
                                              gint64                   order_id,
                                              ComptoirOrderSyncState  *state,
                                              char                   **message,
                                              GError                 **error);

G_END_DECLS
