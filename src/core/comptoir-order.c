// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-order"

#include "config.h"

#include "comptoir-order.h"

struct _ComptoirOrder
{
  GObject parent_instance;

  gint64 id;
  char *remote_id;
  char *number;
  char *status;
  char *customer_name;
  char *customer_phone;
  char *customer_email;
  char *fulfilment;
  char *slot_start;
  char *slot_end;
  char *delivery_address;
  char *customer_note;
  gint64 subtotal_cents;
  gint64 delivery_fee_cents;
  gint64 total_cents;
  char *placed_at;
  gint64 remote_version;
  GPtrArray *lines;
};

G_DEFINE_FINAL_TYPE (ComptoirOrder, comptoir_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REMOTE_ID,
  PROP_NUMBER,
  PROP_STATUS,
  PROP_CUSTOMER_NAME,
  PROP_CUSTOMER_PHONE,
  PROP_CUSTOMER_EMAIL,
  PROP_FULFILMENT,
  PROP_SLOT_START,
  PROP_SLOT_END,
  PROP_DELIVERY_ADDRESS,
  PROP_CUSTOMER_NOTE,
  PROP_SUBTOTAL_CENTS,
  PROP_DELIVERY_FEE_CENTS,
  PROP_TOTAL_CENTS,
  PROP_PLACED_AT,
  PROP_REMOTE_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * comptoir_order_get_lines:
 * @self: a #ComptoirOrder
 *
 * Returns: (transfer none) (nullable) (element-type ComptoirOrderLine): the
 *   lines, in the platform's order; %NULL when they were not read (an order
 *   of a list from the store: see comptoir_order_load_lines())
 */
GPtrArray *
comptoir_order_get_lines (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->lines;
}

/**
 * comptoir_order_set_lines:
 * @self: a #ComptoirOrder
 * @lines: (element-type ComptoirOrderLine) (nullable): copied
 *
 * Sets the lines; comptoir_order_write() then replaces the stored ones.
 */
void
comptoir_order_set_lines (ComptoirOrder *self,
                          GPtrArray     *lines)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  if (lines == NULL)
    return;
  self->lines = g_ptr_array_new_full (lines->len, (GDestroyNotify) comptoir_order_line_free);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (self->lines, comptoir_order_line_copy (lines->pdata[i]));
}


gint64
comptoir_order_get_id (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), 0);
  return self->id;
}

void
comptoir_order_set_id (ComptoirOrder *self,
                       gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
comptoir_order_get_remote_id (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->remote_id;
}

void
comptoir_order_set_remote_id (ComptoirOrder *self,
                              const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->remote_id, value) == 0)
    return;
  g_free (self->remote_id);
  self->remote_id = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

const char *
comptoir_order_get_number (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->number;
}

void
comptoir_order_set_number (ComptoirOrder *self,
                           const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->number, value) == 0)
    return;
  g_free (self->number);
  self->number = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

const char *
comptoir_order_get_status (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->status;
}

void
comptoir_order_set_status (ComptoirOrder *self,
                           const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->status, value) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
comptoir_order_get_customer_name (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->customer_name;
}

void
comptoir_order_set_customer_name (ComptoirOrder *self,
                                  const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->customer_name, value) == 0)
    return;
  g_free (self->customer_name);
  self->customer_name = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

const char *
comptoir_order_get_customer_phone (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->customer_phone;
}

void
comptoir_order_set_customer_phone (ComptoirOrder *self,
                                   const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->customer_phone, value) == 0)
    return;
  g_free (self->customer_phone);
  self->customer_phone = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_PHONE]);
}

const char *
comptoir_order_get_customer_email (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->customer_email;
}

void
comptoir_order_set_customer_email (ComptoirOrder *self,
                                   const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->customer_email, value) == 0)
    return;
  g_free (self->customer_email);
  self->customer_email = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_EMAIL]);
}

const char *
comptoir_order_get_fulfilment (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->fulfilment;
}

void
comptoir_order_set_fulfilment (ComptoirOrder *self,
                               const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->fulfilment, value) == 0)
    return;
  g_free (self->fulfilment);
  self->fulfilment = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULFILMENT]);
}

const char *
comptoir_order_get_slot_start (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->slot_start;
}

void
comptoir_order_set_slot_start (ComptoirOrder *self,
                               const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->slot_start, value) == 0)
    return;
  g_free (self->slot_start);
  self->slot_start = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOT_START]);
}

const char *
comptoir_order_get_slot_end (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->slot_end;
}

void
comptoir_order_set_slot_end (ComptoirOrder *self,
                             const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->slot_end, value) == 0)
    return;
  g_free (self->slot_end);
  self->slot_end = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOT_END]);
}

const char *
comptoir_order_get_delivery_address (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->delivery_address;
}

void
comptoir_order_set_delivery_address (ComptoirOrder *self,
                                     const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->delivery_address, value) == 0)
    return;
  g_free (self->delivery_address);
  self->delivery_address = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY_ADDRESS]);
}

const char *
comptoir_order_get_customer_note (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->customer_note;
}

void
comptoir_order_set_customer_note (ComptoirOrder *self,
                                  const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->customer_note, value) == 0)
    return;
  g_free (self->customer_note);
  self->customer_note = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NOTE]);
}

gint64
comptoir_order_get_subtotal_cents (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), 0);
  return self->subtotal_cents;
}

void
comptoir_order_set_subtotal_cents (ComptoirOrder *self,
                                   gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (self->subtotal_cents == value)
    return;
  self->subtotal_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTOTAL_CENTS]);
}

gint64
comptoir_order_get_delivery_fee_cents (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), 0);
  return self->delivery_fee_cents;
}

void
comptoir_order_set_delivery_fee_cents (ComptoirOrder *self,
                                       gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (self->delivery_fee_cents == value)
    return;
  self->delivery_fee_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY_FEE_CENTS]);
}

gint64
comptoir_order_get_total_cents (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), 0);
  return self->total_cents;
}

void
comptoir_order_set_total_cents (ComptoirOrder *self,
                                gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (self->total_cents == value)
    return;
  self->total_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_CENTS]);
}

const char *
comptoir_order_get_placed_at (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), NULL);
  return self->placed_at;
}

void
comptoir_order_set_placed_at (ComptoirOrder *self,
                              const char *value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (g_strcmp0 (self->placed_at, value) == 0)
    return;
  g_free (self->placed_at);
  self->placed_at = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACED_AT]);
}

gint64
comptoir_order_get_remote_version (ComptoirOrder *self)
{
  g_return_val_if_fail (COMPTOIR_IS_ORDER (self), 0);
  return self->remote_version;
}

void
comptoir_order_set_remote_version (ComptoirOrder *self,
                                   gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_ORDER (self));
  if (self->remote_version == value)
    return;
  self->remote_version = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_VERSION]);
}

static void
comptoir_order_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ComptoirOrder *self = COMPTOIR_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;

    case PROP_CUSTOMER_PHONE:
      g_value_set_string (value, self->customer_phone);
      break;

    case PROP_CUSTOMER_EMAIL:
      g_value_set_string (value, self->customer_email);
      break;

    case PROP_FULFILMENT:
      g_value_set_string (value, self->fulfilment);
      break;

    case PROP_SLOT_START:
      g_value_set_string (value, self->slot_start);
      break;

    case PROP_SLOT_END:
      g_value_set_string (value, self->slot_end);
      break;

    case PROP_DELIVERY_ADDRESS:
      g_value_set_string (value, self->delivery_address);
      break;

    case PROP_CUSTOMER_NOTE:
      g_value_set_string (value, self->customer_note);
      break;

    case PROP_SUBTOTAL_CENTS:
      g_value_set_int64 (value, self->subtotal_cents);
      break;

    case PROP_DELIVERY_FEE_CENTS:
      g_value_set_int64 (value, self->delivery_fee_cents);
      break;

    case PROP_TOTAL_CENTS:
      g_value_set_int64 (value, self->total_cents);
      break;

    case PROP_PLACED_AT:
      g_value_set_string (value, self->placed_at);
      break;

    case PROP_REMOTE_VERSION:
      g_value_set_int64 (value, self->remote_version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_order_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ComptoirOrder *self = COMPTOIR_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      comptoir_order_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_REMOTE_ID:
      comptoir_order_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_NUMBER:
      comptoir_order_set_number (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      comptoir_order_set_status (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_NAME:
      comptoir_order_set_customer_name (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_PHONE:
      comptoir_order_set_customer_phone (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_EMAIL:
      comptoir_order_set_customer_email (self, g_value_get_string (value));
      break;

    case PROP_FULFILMENT:
      comptoir_order_set_fulfilment (self, g_value_get_string (value));
      break;

    case PROP_SLOT_START:
      comptoir_order_set_slot_start (self, g_value_get_string (value));
      break;

    case PROP_SLOT_END:
      comptoir_order_set_slot_end (self, g_value_get_string (value));
      break;

    case PROP_DELIVERY_ADDRESS:
      comptoir_order_set_delivery_address (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_NOTE:
      comptoir_order_set_customer_note (self, g_value_get_string (value));
      break;

    case PROP_SUBTOTAL_CENTS:
      comptoir_order_set_subtotal_cents (self, g_value_get_int64 (value));
      break;

    case PROP_DELIVERY_FEE_CENTS:
      comptoir_order_set_delivery_fee_cents (self, g_value_get_int64 (value));
      break;

    case PROP_TOTAL_CENTS:
      comptoir_order_set_total_cents (self, g_value_get_int64 (value));
      break;

    case PROP_PLACED_AT:
      comptoir_order_set_placed_at (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_VERSION:
      comptoir_order_set_remote_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_order_finalize (GObject *object)
{
  ComptoirOrder *self = COMPTOIR_ORDER (object);

  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->customer_phone, g_free);
  g_clear_pointer (&self->customer_email, g_free);
  g_clear_pointer (&self->fulfilment, g_free);
  g_clear_pointer (&self->slot_start, g_free);
  g_clear_pointer (&self->slot_end, g_free);
  g_clear_pointer (&self->delivery_address, g_free);
  g_clear_pointer (&self->customer_note, g_free);
  g_clear_pointer (&self->placed_at, g_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (comptoir_order_parent_class)->finalize (object);
}

static void
comptoir_order_class_init (ComptoirOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = comptoir_order_finalize;
  object_class->get_property = comptoir_order_get_property;
  object_class->set_property = comptoir_order_set_property;

  /* row id */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* identifier on the platform */
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* order number shown to the customer */
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* new, accepted, ready, completed, rejected or cancelled */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* customer name */
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* customer phone */
  properties[PROP_CUSTOMER_PHONE] =
    g_param_spec_string ("customer-phone", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* customer e-mail */
  properties[PROP_CUSTOMER_EMAIL] =
    g_param_spec_string ("customer-email", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* collect or delivery */
  properties[PROP_FULFILMENT] =
    g_param_spec_string ("fulfilment", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* click & collect slot start, ISO 8601 UTC */
  properties[PROP_SLOT_START] =
    g_param_spec_string ("slot-start", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* click & collect slot end, ISO 8601 UTC */
  properties[PROP_SLOT_END] =
    g_param_spec_string ("slot-end", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* delivery address */
  properties[PROP_DELIVERY_ADDRESS] =
    g_param_spec_string ("delivery-address", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* note from the customer */
  properties[PROP_CUSTOMER_NOTE] =
    g_param_spec_string ("customer-note", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* sum of the lines, in cents */
  properties[PROP_SUBTOTAL_CENTS] =
    g_param_spec_int64 ("subtotal-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* delivery fee, in cents */
  properties[PROP_DELIVERY_FEE_CENTS] =
    g_param_spec_int64 ("delivery-fee-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* total paid, in cents */
  properties[PROP_TOTAL_CENTS] =
    g_param_spec_int64 ("total-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* when the order was placed, ISO 8601 UTC */
  properties[PROP_PLACED_AT] =
    g_param_spec_string ("placed-at", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* the platform's version of the order (its ETag), 0 when unknown */
  properties[PROP_REMOTE_VERSION] =
    g_param_spec_int64 ("remote-version", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
comptoir_order_init (ComptoirOrder *self)
{
  self->remote_id = g_strdup ("");
  self->number = g_strdup ("");
  self->status = g_strdup ("");
  self->customer_name = g_strdup ("");
  self->customer_phone = g_strdup ("");
  self->customer_email = g_strdup ("");
  self->fulfilment = g_strdup ("");
  self->slot_start = g_strdup ("");
  self->slot_end = g_strdup ("");
  self->delivery_address = g_strdup ("");
  self->customer_note = g_strdup ("");
  self->placed_at = g_strdup ("");
}

ComptoirOrder *
comptoir_order_new (void)
{
  return g_object_new (COMPTOIR_TYPE_ORDER, NULL);
}
