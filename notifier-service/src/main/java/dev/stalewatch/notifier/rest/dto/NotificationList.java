package dev.stalewatch.notifier.rest.dto;

import java.util.List;

public record NotificationList(List<NotificationView> notifications) {
}
