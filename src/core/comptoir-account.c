// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-account"

#include "comptoir-i18n.h"

#include "comptoir-account.h"
#include "comptoir-error.h"
#include "comptoir-store-private.h"

struct _ComptoirAccount
{
  GObject   parent_instance;

  gint64    id;
  char     *kind;
  char     *base_url;
  char     *platform_name;
  char     *login;
  int       commission_rate; /* basis points, -1: none */
  gboolean  signed_in;
};

G_DEFINE_FINAL_TYPE (ComptoirAccount, comptoir_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SIGNED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ACCOUNT_COLUMNS "id, kind, base_url, platform_name, login, commission_rate, signed_in"

static void
comptoir_account_finalize (GObject *object)
{
  ComptoirAccount *self = COMPTOIR_ACCOUNT (object);

  g_free (self->kind);
  g_free (self->base_url);
  g_free (self->platform_name);
  g_free (self->login);
  G_OBJECT_CLASS (comptoir_account_parent_class)->finalize (object);
}

static void
comptoir_account_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ComptoirAccount *self = COMPTOIR_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->signed_in);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_account_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ComptoirAccount *self = COMPTOIR_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      comptoir_account_set_signed_in (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_account_class_init (ComptoirAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = comptoir_account_finalize;
  object_class->get_property = comptoir_account_get_property;
  object_class->set_property = comptoir_account_set_property;

  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
comptoir_account_init (ComptoirAccount *self)
{
  self->kind = g_strdup ("marketplace");
  self->base_url = g_strdup ("");
  self->platform_name = g_strdup ("");
  self->login = g_strdup ("");
  self->commission_rate = -1;
}

ComptoirAccount *
comptoir_account_new (void)
{
  return g_object_new (COMPTOIR_TYPE_ACCOUNT, NULL);
}

gint64
comptoir_account_get_id (ComptoirAccount *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ACCOUNT (self), 0);
  return self->id;
}

#define STRING_ACCESSORS(field) \
  const char * \
  comptoir_account_get_##field (ComptoirAccount *self) \
  { \
    g_return_val_if_fail (COMPTOIR_IS_ACCOUNT (self), NULL); \
    return self->field; \
  }

STRING_ACCESSORS (kind)
STRING_ACCESSORS (base_url)
STRING_ACCESSORS (platform_name)
STRING_ACCESSORS (login)

void
comptoir_account_set_kind (ComptoirAccount *self,
                           const char      *kind)
{
  g_return_if_fail (COMPTOIR_IS_ACCOUNT (self));
  g_return_if_fail (g_strcmp0 (kind, "marketplace") == 0 || g_strcmp0 (kind, "directory") == 0);
  g_free (self->kind);
  self->kind = g_strdup (kind);
}

void
comptoir_account_set_base_url (ComptoirAccount *self,
                               const char      *base_url)
{
  g_return_if_fail (COMPTOIR_IS_ACCOUNT (self));
  g_free (self->base_url);
  self->base_url = g_strdup (base_url ? base_url : "");
}

void
comptoir_account_set_platform_name (ComptoirAccount *self,
                                    const char      *name)
{
  g_return_if_fail (COMPTOIR_IS_ACCOUNT (self));
  g_free (self->platform_name);
  self->platform_name = g_strdup (name ? name : "");
}

void
comptoir_account_set_login (ComptoirAccount *self,
                            const char      *login)
{
  g_return_if_fail (COMPTOIR_IS_ACCOUNT (self));
  g_free (self->login);
  self->login = g_strdup (login ? login : "");
}

int
comptoir_account_get_commission_rate (ComptoirAccount *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ACCOUNT (self), -1);
  return self->commission_rate;
}

void
comptoir_account_set_commission_rate (ComptoirAccount *self,
                                      int              basis_points)
{
  g_return_if_fail (COMPTOIR_IS_ACCOUNT (self));
  self->commission_rate = basis_points;
}

gboolean
comptoir_account_get_signed_in (ComptoirAccount *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ACCOUNT (self), FALSE);
  return self->signed_in;
}

void
comptoir_account_set_signed_in (ComptoirAccount *self,
                                gboolean         signed_in)
{
  g_return_if_fail (COMPTOIR_IS_ACCOUNT (self));
  signed_in = !!signed_in;
  if (self->signed_in == signed_in)
    return;
  self->signed_in = signed_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

static ComptoirAccount *
account_from_row (sqlite3_stmt *stmt)
{
  ComptoirAccount *account = comptoir_account_new ();

  account->id = sqlite3_column_int64 (stmt, 0);
  comptoir_account_set_kind (account, comptoir_sql_column_text (stmt, 1));
  comptoir_account_set_base_url (account, comptoir_sql_column_text (stmt, 2));
  comptoir_account_set_platform_name (account, comptoir_sql_column_text (stmt, 3));
  comptoir_account_set_login (account, comptoir_sql_column_text (stmt, 4));
  account->commission_rate = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 5);
  account->signed_in = sqlite3_column_int (stmt, 6) != 0;
  return account;
}

typedef struct
{
  ComptoirAccount *account;
  gboolean         created;
} SaveData;

static gboolean
save_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  SaveData *data = user_data;
  ComptoirAccount *account = data->account;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();
  int rc;

  /* One row per platform address and login: signing in again reuses it,
   * so its orders and publications stay attached. */
  find = comptoir_store_prepare (store, "SELECT id FROM accounts WHERE base_url = ?1 AND login = ?2", error);
  if (find == NULL)
    return FALSE;
  comptoir_sql_bind_text (find, 1, account->base_url);
  comptoir_sql_bind_text (find, 2, account->login);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    account->id = sqlite3_column_int64 (find, 0);
  else if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  else
    account->id = 0;

  if (account->id == 0)
    stmt = comptoir_store_prepare (store,
                                   "INSERT INTO accounts (kind, base_url, platform_name, login, "
                                   "commission_rate, signed_in, created_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  else
    stmt = comptoir_store_prepare (store,
                                   "UPDATE accounts SET kind = ?1, base_url = ?2, platform_name = ?3, "
                                   "login = ?4, commission_rate = ?5, signed_in = ?6 WHERE id = ?8", error);
  if (stmt == NULL)
    return FALSE;
  comptoir_sql_bind_text (stmt, 1, account->kind);
  comptoir_sql_bind_text (stmt, 2, account->base_url);
  comptoir_sql_bind_text (stmt, 3, account->platform_name);
  comptoir_sql_bind_text (stmt, 4, account->login);
  if (account->commission_rate >= 0)
    sqlite3_bind_int (stmt, 5, account->commission_rate);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int (stmt, 6, account->signed_in);
  if (account->id == 0)
    comptoir_sql_bind_text (stmt, 7, now);
  else
    sqlite3_bind_int64 (stmt, 8, account->id);
  if (!comptoir_store_step_done (store, stmt, error))
    return FALSE;
  if (account->id == 0)
    {
      account->id = sqlite3_last_insert_rowid (comptoir_store_get_db (store));
      data->created = TRUE;
    }
  return TRUE;
}

/**
 * comptoir_account_save:
 * @store: the store
 * @account: the account; its id is set
 * @created: (out) (optional): whether a new row was made
 * @error: a #GError
 *
 * Inserts @account, or updates the row with the same address and login.
 */
gboolean
comptoir_account_save (ComptoirStore   *store,
                       ComptoirAccount *account,
                       gboolean        *created,
                       GError         **error)
{
  SaveData data = { account, FALSE };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (COMPTOIR_IS_ACCOUNT (account), FALSE);

  if (!comptoir_store_transaction (store, save_tx, &data, error))
    return FALSE;
  if (created != NULL)
    *created = data.created;
  return TRUE;
}

typedef struct
{
  gint64   id;
  gboolean signed_in;
  gboolean delete;
} UpdateData;

static gboolean
update_tx (ComptoirStore  *store,
           gpointer        user_data,
           GError        **error)
{
  UpdateData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (data->delete)
    stmt = comptoir_store_prepare (store, "DELETE FROM accounts WHERE id = ?1", error);
  else
    stmt = comptoir_store_prepare (store, "UPDATE accounts SET signed_in = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->id);
  if (!data->delete)
    sqlite3_bind_int (stmt, 2, data->signed_in);
  return comptoir_store_step_done (store, stmt, error);
}

gboolean
comptoir_account_update_signed_in (ComptoirStore  *store,
                                   gint64          id,
                                   gboolean        signed_in,
                                   GError        **error)
{
  UpdateData data = { id, !!signed_in, FALSE };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  return comptoir_store_transaction (store, update_tx, &data, error);
}

/**
 * comptoir_account_delete:
 *
 * Removes the account and, through foreign keys, what was pulled from it.
 */
gboolean
comptoir_account_delete (ComptoirStore  *store,
                         gint64          id,
                         GError        **error)
{
  UpdateData data = { id, FALSE, TRUE };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  return comptoir_store_transaction (store, update_tx, &data, error);
}

ComptoirAccount *
comptoir_account_load (ComptoirStore  *store,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return account_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                         _("This platform account no longer exists."));
  else
    comptoir_store_set_error (store, error);
  return NULL;
}

/**
 * comptoir_account_list:
 *
 * Returns: (transfer full): a #GListModel of #ComptoirAccount, in the
 *   order they were connected (there are a handful at most).
 */
GListModel *
comptoir_account_list (ComptoirStore  *store,
                       GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (COMPTOIR_TYPE_ACCOUNT);
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ComptoirAccount) account = account_from_row (stmt);
      g_list_store_append (list, account);
    }
  if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}
