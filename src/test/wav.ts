/**
 * A PCM WAV file in memory: a sine tone (so players and metadata readers see
 * real audio) of the given length. Used by tests, e2e and the benchmark.
 */
export function makeWav({ seconds, sampleRate = 44_100, channels = 2, frequency = 440 }: { seconds: number; sampleRate?: number; channels?: number; frequency?: number }): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * channels * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wavHeader(dataBytes, sampleRate, channels).copy(wav, 0);
  for (let i = 0; i < frames; i++) {
    const sample = Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0.3 * 32767);
    for (let c = 0; c < channels; c++) wav.writeInt16LE(sample, 44 + (i * channels + c) * 2);
  }
  return wav;
}

/** The 44-byte header of a 16-bit PCM WAV holding `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRate = 44_100, channels = 2): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * A 16-bit PCM WAV whose header claims whatever it is told (a sample rate of
 * 10 Hz, 65,535 channels), followed by `dataBytes` of silence: the header
 * fields a hostile file can set freely, wrapped as a 32-bit field wraps.
 */
export function wavClaiming({ sampleRate, channels, dataBytes }: { sampleRate: number; channels: number; dataBytes: number }): Buffer {
  const wav = Buffer.alloc(44 + dataBytes);
  wavHeader(dataBytes, 44_100, 1).copy(wav, 0);
  wav.writeUInt16LE(channels % 0x1_0000, 22);
  wav.writeUInt32LE(sampleRate % 0x1_0000_0000, 24);
  wav.writeUInt32LE((sampleRate * channels * 2) % 0x1_0000_0000, 28);
  wav.writeUInt16LE((channels * 2) % 0x1_0000, 32);
  return wav;
}
