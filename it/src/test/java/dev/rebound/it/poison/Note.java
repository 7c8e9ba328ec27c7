package dev.rebound.it.poison;

public record Note(String noteId, String text) {
}
