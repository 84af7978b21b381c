// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-payout"

#include "config.h"

#include "comptoir-payout.h"

struct _ComptoirPayout
{
  GObject parent_instance;

  gint64 id;
  char *remote_id;
  char *period_start;
  char *period_end;
  gint64 gross_cents;
  gint64 commission_cents;
  gint64 fees_cents;
  gint64 net_cents;
  char *status;
  char *bank_reference;
  GStrv order_ids;     /* the platform's ids of the orders it pays */
};

G_DEFINE_FINAL_TYPE (ComptoirPayout, comptoir_payout, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REMOTE_ID,
  PROP_PERIOD_START,
  PROP_PERIOD_END,
  PROP_GROSS_CENTS,
  PROP_COMMISSION_CENTS,
  PROP_FEES_CENTS,
  PROP_NET_CENTS,
  PROP_STATUS,
  PROP_BANK_REFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


gint64
comptoir_payout_get_id (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), 0);
  return self->id;
}

void
comptoir_payout_set_id (ComptoirPayout *self,
                        gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
comptoir_payout_get_remote_id (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), NULL);
  return self->remote_id;
}

void
comptoir_payout_set_remote_id (ComptoirPayout *self,
                               const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (g_strcmp0 (self->remote_id, value) == 0)
    return;
  g_free (self->remote_id);
  self->remote_id = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

const char *
comptoir_payout_get_period_start (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), NULL);
  return self->period_start;
}

void
comptoir_payout_set_period_start (ComptoirPayout *self,
                                  const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (g_strcmp0 (self->period_start, value) == 0)
    return;
  g_free (self->period_start);
  self->period_start = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_START]);
}

const char *
comptoir_payout_get_period_end (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), NULL);
  return self->period_end;
}

void
comptoir_payout_set_period_end (ComptoirPayout *self,
                                const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (g_strcmp0 (self->period_end, value) == 0)
    return;
  g_free (self->period_end);
  self->period_end = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_END]);
}

gint64
comptoir_payout_get_gross_cents (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), 0);
  return self->gross_cents;
}

void
comptoir_payout_set_gross_cents (ComptoirPayout *self,
                                 gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (self->gross_cents == value)
    return;
  self->gross_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROSS_CENTS]);
}

gint64
comptoir_payout_get_commission_cents (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), 0);
  return self->commission_cents;
}

void
comptoir_payout_set_commission_cents (ComptoirPayout *self,
                                      gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (self->commission_cents == value)
    return;
  self->commission_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMISSION_CENTS]);
}

gint64
comptoir_payout_get_fees_cents (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), 0);
  return self->fees_cents;
}

void
comptoir_payout_set_fees_cents (ComptoirPayout *self,
                                gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (self->fees_cents == value)
    return;
  self->fees_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEES_CENTS]);
}

gint64
comptoir_payout_get_net_cents (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), 0);
  return self->net_cents;
}

void
comptoir_payout_set_net_cents (ComptoirPayout *self,
                               gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (self->net_cents == value)
    return;
  self->net_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET_CENTS]);
}

const char *
comptoir_payout_get_status (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), NULL);
  return self->status;
}

void
comptoir_payout_set_status (ComptoirPayout *self,
                            const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (g_strcmp0 (self->status, value) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
comptoir_payout_get_bank_reference (ComptoirPayout *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), NULL);
  return self->bank_reference;
}

void
comptoir_payout_set_bank_reference (ComptoirPayout *self,
                                    const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  if (g_strcmp0 (self->bank_reference, value) == 0)
    return;
  g_free (self->bank_reference);
  self->bank_reference = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANK_REFERENCE]);
}

static void
comptoir_payout_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ComptoirPayout *self = COMPTOIR_PAYOUT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_PERIOD_START:
      g_value_set_string (value, self->period_start);
      break;

    case PROP_PERIOD_END:
      g_value_set_string (value, self->period_end);
      break;

    case PROP_GROSS_CENTS:
      g_value_set_int64 (value, self->gross_cents);
      break;

    case PROP_COMMISSION_CENTS:
      g_value_set_int64 (value, self->commission_cents);
      break;

    case PROP_FEES_CENTS:
      g_value_set_int64 (value, self->fees_cents);
      break;

    case PROP_NET_CENTS:
      g_value_set_int64 (value, self->net_cents);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_BANK_REFERENCE:
      g_value_set_string (value, self->bank_reference);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_payout_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ComptoirPayout *self = COMPTOIR_PAYOUT (object);

  switch (prop_id)
    {
    case PROP_ID:
      comptoir_payout_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_REMOTE_ID:
      comptoir_payout_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_PERIOD_START:
      comptoir_payout_set_period_start (self, g_value_get_string (value));
      break;

    case PROP_PERIOD_END:
      comptoir_payout_set_period_end (self, g_value_get_string (value));
      break;

    case PROP_GROSS_CENTS:
      comptoir_payout_set_gross_cents (self, g_value_get_int64 (value));
      break;

    case PROP_COMMISSION_CENTS:
      comptoir_payout_set_commission_cents (self, g_value_get_int64 (value));
      break;

    case PROP_FEES_CENTS:
      comptoir_payout_set_fees_cents (self, g_value_get_int64 (value));
      break;

    case PROP_NET_CENTS:
      comptoir_payout_set_net_cents (self, g_value_get_int64 (value));
      break;

    case PROP_STATUS:
      comptoir_payout_set_status (self, g_value_get_string (value));
      break;

    case PROP_BANK_REFERENCE:
      comptoir_payout_set_bank_reference (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_payout_finalize (GObject *object)
{
  ComptoirPayout *self = COMPTOIR_PAYOUT (object);

  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->period_start, g_free);
  g_clear_pointer (&self->period_end, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->bank_reference, g_free);
  g_clear_pointer (&self->order_ids, g_strfreev);

  G_OBJECT_CLASS (comptoir_payout_parent_class)->finalize (object);
}

static void
comptoir_payout_class_init (ComptoirPayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = comptoir_payout_finalize;
  object_class->get_property = comptoir_payout_get_property;
  object_class->set_property = comptoir_payout_set_property;

  /* row id */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* identifier on the platform */
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* first day covered, ISO 8601 */
  properties[PROP_PERIOD_START] =
    g_param_spec_string ("period-start", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* last day covered, ISO 8601 */
  properties[PROP_PERIOD_END] =
    g_param_spec_string ("period-end", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* sales before deductions */
  properties[PROP_GROSS_CENTS] =
    g_param_spec_int64 ("gross-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* platform commission */
  properties[PROP_COMMISSION_CENTS] =
    g_param_spec_int64 ("commission-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* payment fees */
  properties[PROP_FEES_CENTS] =
    g_param_spec_int64 ("fees-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* amount paid to the merchant */
  properties[PROP_NET_CENTS] =
    g_param_spec_int64 ("net-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* scheduled, paid or failed */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* reference on the bank statement */
  properties[PROP_BANK_REFERENCE] =
    g_param_spec_string ("bank-reference", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
comptoir_payout_init (ComptoirPayout *self)
{
  self->remote_id = g_strdup ("");
  self->period_start = g_strdup ("");
  self->period_end = g_strdup ("");
  self->status = g_strdup ("");
  self->bank_reference = g_strdup ("");
}

/**
 * comptoir_payout_get_order_ids:
 *
 * Returns: (transfer none): the platform's ids of the orders this payout
 *   pays, never %NULL (empty until set)
 */
const char * const *
comptoir_payout_get_order_ids (ComptoirPayout *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (self), NULL);
  return self->order_ids ? (const char * const *) self->order_ids : none;
}

void
comptoir_payout_set_order_ids (ComptoirPayout     *self,
                               const char * const *order_ids)
{
  g_return_if_fail (COMPTOIR_IS_PAYOUT (self));
  g_strfreev (self->order_ids);
  self->order_ids = g_strdupv ((char **) order_ids);
}

ComptoirPayout *
comptoir_payout_new (void)
{
  return g_object_new (COMPTOIR_TYPE_PAYOUT, NULL);
}
