// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-product.h"
#include "comptoir-shop.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

/*
 * The durable outbox (DESIGN.md, offline-first rules 1–7).
 *
 * Entries are written by the store itself: every transaction that changes
 * the shop profile or a product (its row, options, variants or photos), or
 * that adds an account, gets its outbox entries — one per account and
 * changed object — in the same transaction, just before COMMIT (see
 * comptoir_store_transaction()). No writer has to remember it.
 *
 * An entry that was never attempted holds no body: a newer edit of the same
 * object merges into it (rule 3) and it is sent with the object's state at
 * its first attempt. That first attempt freezes what is sent (operation,
 * base version, the object as JSON) in the entry, in the transaction that
 * counts the attempt, before anything goes out: every retry, even after a
 * kill -9, sends the same body under the same idempotency key (rule 2).
 */

/**
 * ComptoirOutboxSummary:
 * @pending: entries still to send (not done, not waiting for the merchant),
 *   the merchant's actions on orders included
 * @failed: entries the platform refused: the merchant must change something
 *   (the shop or a product; a refused action on an order shows on the order,
 *   comptoir_order_get_sync_state())
 * @conflicts: entries refused because the object changed on the platform
 *   (the shop or a product, likewise)
 * @next_attempt_unix: when the next pending entry may be sent (Unix time;
 *   at most now when one is due already), 0 when nothing is pending
 */
typedef struct
{
  guint  pending;
  guint  failed;
  guint  conflicts;
  gint64 next_attempt_unix;
} ComptoirOutboxSummary;

gboolean comptoir_outbox_get_summary (ComptoirStore          *store,
                                      gint64                  account_id,
                                      ComptoirOutboxSummary  *out,
                                      GError                **error);

/**
 * ComptoirPublication:
 * @account_id: the platform account
 * @state: "pending", "published", "failed", "conflict" or "withdrawn"
 *   (removed from the platform because the product is archived or hidden
 *   there)
 * @remote_id: (nullable): the platform's id of the object
 * @remote_version: the platform's version, 0 when unknown
 * @last_error: (nullable): why the platform refused the last change, in the
 *   merchant's words (already translated)
 *
 * Where a product stands on one platform.
 */
typedef struct
{
  gint64  account_id;
  char   *state;
  char   *remote_id;
  gint64  remote_version;
  char   *last_error;
} ComptoirPublication;

void comptoir_publication_free (ComptoirPublication *publication);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirPublication, comptoir_publication_free)

GPtrArray *comptoir_outbox_list_publications (ComptoirStore  *store,
                                              gint64          product_id,
                                              GError        **error);
guint      comptoir_outbox_count_refused_products (ComptoirStore  *store,
                                                   gint64          account_id);
ComptoirPublication *comptoir_outbox_get_shop_publication (ComptoirStore  *store,
                                                           gint64          account_id,
                                                           GError        **error);

gboolean comptoir_outbox_send_local_version (ComptoirStore  *store,
                                             gint64          product_id,
                                             gint64          account_id,
                                             GError        **error);
gboolean comptoir_outbox_send_local_shop    (ComptoirStore  *store,
                                             gint64          account_id,
                                             GError        **error);

/* For writers whose changes come *from* a platform (pulls): called inside
 * their transaction, so that what was just received is not sent back. */
gboolean comptoir_outbox_discard_changes (ComptoirStore  *store,
                                          GError        **error);

/* For the push (src/sync). */

typedef enum
{
  COMPTOIR_OUTBOX_SKIP,            /* nothing to send: the entry is done */
  COMPTOIR_OUTBOX_PUSH_SHOP,
  COMPTOIR_OUTBOX_CREATE_PRODUCT,
  COMPTOIR_OUTBOX_UPDATE_PRODUCT,
  COMPTOIR_OUTBOX_DELETE_PRODUCT,
  COMPTOIR_OUTBOX_TRANSITION_ORDER,
} ComptoirOutboxOperation;

/**
 * ComptoirOutboxEntry:
 * @id: the entry
 * @account_id: the account it goes to
 * @object_type: "shop", "product" or "order"
 * @object_id: the local id of the object
 * @idempotency_key: sent as `Idempotency-Key`, the same on every attempt
 * @attempts: attempts so far, this one included once begun
 * @operation: what to send (set by comptoir_outbox_begin_attempt())
 * @remote_id: (nullable): the object on the platform (update, delete)
 * @if_match: the version the change is based on, 0 for none
 * @product: (nullable): the product as frozen (create, update)
 * @photos: (nullable): its photos' media hashes, in order
 * @shop: (nullable): the shop profile as frozen
 * @action: (nullable): what to do with the order ("accept", "reject",
 *   "ready", "complete")
 * @reason: (nullable): why, with "reject"
 */
typedef struct
{
  gint64                   id;
  gint64                   account_id;
  char                    *object_type;
  gint64                   object_id;
  char                    *idempotency_key;
  guint                    attempts;
  ComptoirOutboxOperation  operation;
  char                    *remote_id;
  gint64                   if_match;
  ComptoirProduct         *product;
  GStrv                    photos;
  ComptoirShop            *shop;
  char                    *action;
  char                    *reason;
} ComptoirOutboxEntry;

void comptoir_outbox_entry_free (ComptoirOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirOutboxEntry, comptoir_outbox_entry_free)

ComptoirOutboxEntry *comptoir_outbox_next_due        (ComptoirStore        *store,
                                                      gint64                account_id,
                                                      gint64                after_id,
                                                      GError              **error);
gboolean             comptoir_outbox_begin_attempt   (ComptoirStore        *store,
                                                      ComptoirOutboxEntry  *entry,
                                                      GError              **error);
gboolean             comptoir_outbox_record_success  (ComptoirStore        *store,
                                                      ComptoirOutboxEntry  *entry,
                                                      const char           *remote_id,
                                                      gint64                remote_version,
                                                      GError              **error);
gboolean             comptoir_outbox_record_retry    (ComptoirStore        *store,
                                                      ComptoirOutboxEntry  *entry,
                                                      guint                 retry_after,
                                                      const char           *message,
                                                      GError              **error);
gboolean             comptoir_outbox_record_conflict (ComptoirStore        *store,
                                                      ComptoirOutboxEntry  *entry,
                                                      gint64                platform_version,
                                                      const char           *message,
                                                      GError              **error);
gboolean             comptoir_outbox_record_failure  (ComptoirStore        *store,
                                                      ComptoirOutboxEntry  *entry,
                                                      gboolean              conflict,
                                                      const char           *message,
                                                      GError              **error);

G_END_DECLS
