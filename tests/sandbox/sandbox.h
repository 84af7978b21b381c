// SPDX-License-Identifier: GPL-3.0-or-later
//
// comptoir-sandbox: a loopback implementation of docs/api/marketplace.yaml and
// docs/api/directory.yaml for tests, demos and platform implementers.

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SANDBOX_MARKETPLACE_PREFIX "/marketplace/v1"
#define SANDBOX_DIRECTORY_PREFIX   "/directory/v1"
#define SANDBOX_MAX_JSON_BODY      (1024 * 1024)
#define SANDBOX_MAX_MEDIA_BODY     (10 * 1024 * 1024)
#define SANDBOX_EARLY_REJECT_BODY  (64 * 1024 * 1024)
#define SANDBOX_COMMISSION_RATE    800
#define SANDBOX_FEE_PER_ORDER      25

typedef struct
{
  /* options */
  guint    port;
  char    *data_file;
  gboolean demo;
  double   fail_rate;
  double   drop_rate;
  guint    latency_ms;
  guint    simulate_orders;
  gint64   token_lifetime;
  double   rate_limit;

  /* state */
  SoupServer *server;
  sqlite3    *db;
  char       *origin;          /* http://127.0.0.1:PORT */
  GRand      *rand;
  GHashTable *buckets;         /* credential → RateBucket */
  GHashTable *applied;         /* idempotency key → GUINT count of applications */
  GHashTable *replayed;        /* idempotency key → GUINT count of replays */
  guint64     requests_total;
  guint64     requests_faulted;
  gint64      last_stamp;
  guint       order_seq;
  guint       db_failures;     /* failed statements so far: a request that adds one answers 500 */
} Sandbox;

/* One request, from dispatch to response. */
typedef struct
{
  Sandbox           *sb;
  SoupServerMessage *msg;
  const char        *method;
  char              *path;     /* full path */
  const char        *rest;     /* path below the API prefix */
  const char        *prefix;   /* SANDBOX_*_PREFIX, or NULL */
  GHashTable        *query;
  GBytes            *body;
  char              *scope;    /* merchant or listing id once authenticated */
  gboolean           drop;
} SandboxReq;

/* sandbox-db.c */
gboolean     sandbox_db_open          (Sandbox *sb, GError **error);
void         sandbox_db_exec          (Sandbox *sb, const char *sql);
sqlite3_stmt *sandbox_db_prepare      (Sandbox *sb, const char *sql);
int          sandbox_db_step          (Sandbox *sb, sqlite3_stmt *stmt);
char        *sandbox_db_get_setting   (Sandbox *sb, const char *name);
void         sandbox_db_set_setting   (Sandbox *sb, const char *name, const char *value);
char        *sandbox_now              (Sandbox *sb);
char        *sandbox_new_id           (Sandbox *sb, const char *prefix);
JsonObject  *sandbox_obj_load         (Sandbox *sb, const char *scope, const char *kind, const char *id);
void         sandbox_obj_save         (Sandbox *sb, const char *scope, const char *kind, JsonObject *obj);
gboolean     sandbox_obj_delete       (Sandbox *sb, const char *scope, const char *kind, const char *id);
void         sandbox_list             (SandboxReq *req, const char *kind, const char *state_filter);
JsonObject  *sandbox_parse_object     (const char *text);

/* sandbox-http.c */
void         sandbox_handle           (SoupServer *server, SoupServerMessage *msg, const char *path,
                                       GHashTable *query, gpointer user_data);
void         sandbox_early_handle     (SoupServer *server, SoupServerMessage *msg, const char *path,
                                       GHashTable *query, gpointer user_data);
void         sandbox_problem          (SandboxReq *req, guint status, const char *type,
                                       const char *title, const char *detail);
void         sandbox_problem_fields   (SandboxReq *req, JsonArray *errors);
void         sandbox_storage_failed   (SandboxReq *req);
void         sandbox_respond_json     (SandboxReq *req, guint status, const char *content_type,
                                       JsonObject *obj);
void         sandbox_respond_object   (SandboxReq *req, guint status, const char *content_type,
                                       JsonObject *obj, const char *location);
JsonObject  *sandbox_read_body        (SandboxReq *req);
gboolean     sandbox_check_if_match   (SandboxReq *req, JsonObject *current);
void         sandbox_media_upload     (SandboxReq *req, const char *api_prefix);
void         sandbox_media_content    (SandboxReq *req, const char *id);
void         sandbox_count_applied    (Sandbox *sb, const char *key);
JsonObject  *sandbox_counters         (Sandbox *sb);

/* sandbox-validate.c */
typedef struct
{
  JsonArray *errors;
  GString   *path;
} Validator;

void         validator_init           (Validator *v);
void         validator_clear          (Validator *v);
void         validator_add            (Validator *v, const char *field, const char *code,
                                       const char *message);
gboolean     validator_failed         (Validator *v);
const char  *v_string                 (Validator *v, JsonObject *o, const char *name,
                                       gboolean required, gboolean nullable, gsize min_len,
                                       gsize max_len);
gboolean     v_int                    (Validator *v, JsonObject *o, const char *name,
                                       gboolean required, gboolean nullable, gint64 min,
                                       gint64 max, gint64 *out, gboolean *is_null);
gboolean     v_bool                   (Validator *v, JsonObject *o, const char *name,
                                       gboolean def);
gboolean     v_enum                   (Validator *v, JsonObject *o, const char *name,
                                       gboolean required, const char * const *values);
JsonArray   *v_array                  (Validator *v, JsonObject *o, const char *name,
                                       gboolean required, guint max_items);
JsonObject  *v_object                 (Validator *v, JsonObject *o, const char *name,
                                       gboolean required);
gboolean     v_pattern                (Validator *v, JsonObject *o, const char *name,
                                       gboolean nullable, const char *regex, const char *what);
gboolean     v_gtin                   (Validator *v, JsonObject *o, const char *name);
char        *v_field                  (const char *parent, const char *name);
char        *v_index                  (const char *parent, guint index);

/* sandbox-marketplace.c, sandbox-products.c, sandbox-orders.c */
void         sandbox_marketplace_route (SandboxReq *req);
gboolean     sandbox_marketplace_auth  (SandboxReq *req);
void         sandbox_products_route    (SandboxReq *req, const char *id);
void         sandbox_orders_route      (SandboxReq *req, const char *id, const char *action);
void         sandbox_payouts_route     (SandboxReq *req, const char *id);
JsonObject  *sandbox_order_create      (Sandbox *sb, const char *merchant, JsonObject *spec,
                                        GError **error);
JsonObject  *sandbox_order_cancel      (Sandbox *sb, const char *merchant, const char *id,
                                        const char *reason, GError **error);
JsonObject  *sandbox_payout_run        (Sandbox *sb, const char *merchant, const char *status);
void         sandbox_marketplace_seed  (Sandbox *sb, gboolean demo);
void         sandbox_orders_seed       (Sandbox *sb, guint n);

/* sandbox-directory.c */
void         sandbox_directory_route   (SandboxReq *req);
gboolean     sandbox_directory_auth    (SandboxReq *req);
gboolean     sandbox_listing_moderate  (Sandbox *sb, const char *listing, gboolean publish,
                                        const char *reason);
void         sandbox_directory_seed    (Sandbox *sb, gboolean demo);

/* sandbox-control.c */
void         sandbox_control_route     (SandboxReq *req);

G_END_DECLS
