// NotificationController
