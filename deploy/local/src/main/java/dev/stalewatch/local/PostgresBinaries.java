package dev.stalewatch.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Unpacks zonky's bundled PostgreSQL binaries completely or not at all, before zonky looks for them.
 *
 * <p>zonky unpacks in place into {@code PG-<md5 of the archive>} and writes its marker {@code .exists}
 * last, but an unpack that was stopped half-way (a killed first run, an out-of-memory JVM) leaves files
 * that make every later unpack fail ({@code FileAlreadyExistsException} on a symbolic link whose target
 * is not there yet). Here the archive is unpacked into a staging directory of this process, the marker
 * is written last, and the directory is renamed into place in one step; a {@code PG-*} directory without
 * its marker, or a staging directory whose process is gone, is removed with a one-line note. zonky then
 * finds the marker and unpacks nothing.
 */
public final class PostgresBinaries {

    /** zonky's own name for "this directory is completely unpacked". */
    static final String MARKER = ".exists";
    private static final String STAGING_PREFIX = ".unpacking-";

    private final Path root;
    private final Consumer<String> notes;

    public PostgresBinaries(Path root, Consumer<String> notes) {
        this.root = root.toAbsolutePath();
        this.notes = notes;
    }

    /** Where tests keep them: zonky's default place, {@code java.io.tmpdir/embedded-pg}. */
    public static PostgresBinaries inTempDirectory(Consumer<String> notes) {
        return new PostgresBinaries(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"), notes);
    }

    /** A builder that runs the binaries unpacked here; call {@link #prepare()} first. */
    public EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder().setOverrideWorkingDirectory(root.toFile());
    }

    public Path root() {
        return root;
    }

    /**
     * Makes sure the binaries of this platform are completely unpacked under the root.
     *
     * @return their directory
     */
    public Path prepare() throws IOException {
        Files.createDirectories(root);
        removeAbandonedStaging();
        Path archive = Files.createTempFile(root, STAGING_PREFIX + ProcessHandle.current().pid() + "-", ".txz");
        try {
            String digest = copyWithMd5(archive);
            Path target = root.resolve("PG-" + digest);
            if (!isComplete(target)) {
                if (Files.exists(target)) {
                    notes.accept("PostgreSQL binaries in " + target + " are incomplete (an earlier start stopped while"
                            + " unpacking them): unpacking them again");
                    deleteTree(target);
                } else {
                    notes.accept("unpacking the PostgreSQL binaries into " + target + " (first start)");
                }
                unpackInto(archive, target);
            }
            // zonky also wants the marker to be newer than the directory and its entries.
            Files.setLastModifiedTime(target.resolve(MARKER), FileTime.fromMillis(System.currentTimeMillis() + 1000));
            return target;
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    static boolean isComplete(Path binaries) {
        return Files.isRegularFile(binaries.resolve(MARKER));
    }

    private String copyWithMd5(Path archive) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        try (InputStream in = new DigestInputStream(platformArchive(), md5)) {
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The archive zonky itself would pick, under the names zonky gives the platform. */
    private static InputStream platformArchive() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.startsWith("windows") ? "Windows" : os.startsWith("mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch");
        return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, "amd64".equals(arch) ? "x86_64" : arch);
    }

    private void unpackInto(Path archive, Path target) throws IOException {
        Path staging = Files.createTempDirectory(root, STAGING_PREFIX + ProcessHandle.current().pid() + "-");
        try {
            // as zonky leaves it: PostgreSQL may run as another user than the one who unpacked it
            staging.toFile().setReadable(true, false);
            staging.toFile().setExecutable(true, false);
            extract(archive, staging);
            Files.createFile(staging.resolve(MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!isComplete(target)) {
                    throw new IOException("could not move the unpacked PostgreSQL binaries to " + target, e);
                }
                // another process unpacked the same archive meanwhile: keep its copy
            }
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    private static void extract(Path archive, Path into) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    try (OutputStream out = Files.newOutputStream(path)) {
                        tar.transferTo(out);
                    }
                    if ((entry.getMode() & 0111) != 0 || entry.getName().startsWith("bin/")) {
                        makeExecutable(path);
                    }
                } else {
                    throw new IOException("unsupported archive entry " + entry.getName());
                }
            }
        }
    }

    private static void makeExecutable(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            path.toFile().setExecutable(true, false);
        }
    }

    /** Staging directories and archive copies of processes that are gone (killed while unpacking). */
    private void removeAbandonedStaging() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(STAGING_PREFIX) && !ownerAlive(name)) {
                    notes.accept("removing " + entry + ", left by a start that stopped while unpacking PostgreSQL");
                    deleteTree(entry);
                }
            }
        }
    }

    private static boolean ownerAlive(String stagingName) {
        String rest = stagingName.substring(STAGING_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
