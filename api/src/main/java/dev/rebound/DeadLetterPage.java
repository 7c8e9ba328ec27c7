package dev.rebound;

import java.util.List;

/**
 * One page of dead letters, newest first failure first.
 *
 * @param items the dead letters of this page
 * @param next where the next page starts, or {@code null} when this is the last page
 */
public record DeadLetterPage(List<DeadLetter> items, DeadLetterCursor next) {

    public DeadLetterPage {
        items = List.copyOf(items);
    }
}
